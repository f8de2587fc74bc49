// SPDX-License-Identifier: GPL-3.0-or-later
//
// The reference for bench/run.sh's JSON steps: Node reads each file given
// as UTF-8 and parses it with JSON.parse, as a whole process.
import { readFileSync } from "node:fs";

let members = 0;
for (const file of process.argv.slice(2)) {
  const value = JSON.parse(readFileSync(file, "utf8"));
  members += Object.keys(value).length;
}
if (members === 0)
  process.exit(1);
