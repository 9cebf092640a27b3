// The `dgm` command line's entry: build the program, run it, turn whatever it throws into words and an
// exit code.
import { reportFatal } from "./errors.ts";
import { buildProgram } from "./program.ts";

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportFatal(error);
}
