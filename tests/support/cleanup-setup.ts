// Loaded before every test file (vitest setupFiles). Its afterAll is registered first, so with
// vitest's stacked hook order it runs last: after the file's own afterAll hooks stopped using the dirs.
import { afterAll } from "vitest";
import { removeFileTempDirs } from "./temp.ts";

afterAll(removeFileTempDirs);
