// Preloaded with `node --import` by tests/integrations/offline.test.ts: appends every
// socket connection, DNS look-up and UDP socket the process attempts to $NETWORK_LOG.
import dgram from "node:dgram";
import dns from "node:dns";
import { appendFileSync } from "node:fs";
import net from "node:net";
import process from "node:process";

const log = process.env.NETWORK_LOG;
const record = (what) => {
  if (log) appendFileSync(log, `${what}\n`);
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // net.connect() passes its arguments on normalised, as one array.
  const target = Array.isArray(args[0]) ? args[0][0] : args[0];
  record(`connect ${typeof target === "object" && target !== null ? JSON.stringify({ host: target.host, port: target.port, path: target.path }) : String(target)}`);
  return connect.apply(this, args);
};

for (const name of ["lookup", "resolve", "resolve4", "resolve6"]) {
  const original = dns[name];
  dns[name] = function (...args) {
    record(`dns.${name} ${String(args[0])}`);
    return original.apply(this, args);
  };
  const promised = dns.promises[name];
  dns.promises[name] = function (...args) {
    record(`dns.promises.${name} ${String(args[0])}`);
    return promised.apply(this, args);
  };
}

const createSocket = dgram.createSocket;
dgram.createSocket = function (...args) {
  record("dgram.createSocket");
  return createSocket.apply(this, args);
};
