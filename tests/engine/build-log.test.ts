/** Reading BuildKit's `--progress=plain` log, on a log that Docker 20.10 printed. */
import { describe, expect, it } from "vitest";
import { parseBuildLog } from "../support/engine.js";

// Trimmed from a real build: the RUN's lines are interleaved with the ADD's source vertex (#6), and "#5 ..." marks a pause.
const LOG = `#1 [internal] load build definition from Dockerfile
#1 sha256:cdebfe8f8015dc730eabe2ad0eb13f7d1a77fcb4bf350dc72d893021e8d8b493
#1 transferring dockerfile: 168B done
#1 DONE 0.0s

#3 [internal] load metadata for docker.io/library/localbase:1
#3 DONE 0.0s

#4 [1/3] FROM docker.io/library/localbase:1
#4 sha256:c0c64dd50d9b42c0debe19f1be816abf2c7df5b0594c50e1f9b5362ecbe05ef9
#4 CACHED

#6 http://127.0.0.1:18765/f
#6 DONE 0.0s

#5 [2/3] RUN wget -q -O /f http://dl.example.test:18765/f
#5 sha256:b824b7b7c79d7c520af21e8d7db607eaac474ef8c7e553b6893e52ffdfa97721
#5 ...

#6 http://127.0.0.1:18765/f
#6 DONE 0.0s

#5 [2/3] RUN wget -q -O /f http://dl.example.test:18765/f
#5 DONE 0.2s

#7 [3/3] ADD http://127.0.0.1:18765/f /added
#7 CACHED

#8 [build 2/2] RUN false
#8 ERROR: executor failed running [/bin/sh -c false]: exit code: 1
`;

describe("parseBuildLog", () => {
  it("lists the numbered steps once each, with their stage, and which were CACHED or failed", () => {
    expect(parseBuildLog(LOG)).toEqual([
      { stage: undefined, index: 1, total: 3, instruction: "FROM docker.io/library/localbase:1", cached: true, failed: false },
      { stage: undefined, index: 2, total: 3, instruction: "RUN wget -q -O /f http://dl.example.test:18765/f", cached: false, failed: false },
      { stage: undefined, index: 3, total: 3, instruction: "ADD http://127.0.0.1:18765/f /added", cached: true, failed: false },
      { stage: "build", index: 2, total: 2, instruction: "RUN false", cached: false, failed: true },
    ]);
  });

  it("finds no steps in a log without any", () => {
    expect(parseBuildLog("ERROR: failed to dial\n")).toEqual([]);
  });
});
