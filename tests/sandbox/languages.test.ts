// Which image a language's tasks run in and how `--languages` is read: JavaScript and Python share the
// base image; Go, Rust, Java and C++ each have a tag of their own that hashes the base recipe and the
// language's directory, so a change to either gives a new image.
import { describe, expect, it } from "vitest";
import {
  buildCommandFor,
  currentSandboxTags,
  languageImageTag,
  parseLanguages,
  SANDBOX_LANGUAGES,
  sandboxImageTag,
  TOOLCHAIN_LANGUAGES,
} from "../../sandbox/index.ts";

describe("language images", () => {
  it("runs javascript and python in the base image and every other language in its own tag", () => {
    expect(languageImageTag("javascript")).toBe(sandboxImageTag());
    expect(languageImageTag("python")).toBe(sandboxImageTag());
    const tags = TOOLCHAIN_LANGUAGES.map(languageImageTag);
    TOOLCHAIN_LANGUAGES.forEach((language, index) => {
      expect(tags[index]).toMatch(new RegExp(`^dgm-sandbox-${language}:[0-9a-f]{12}$`));
    });
    expect(new Set(tags.map((tag) => tag.split(":")[1])).size).toBe(TOOLCHAIN_LANGUAGES.length);
    expect(currentSandboxTags()).toEqual([sandboxImageTag(), ...tags]);
  });

  it("reads --languages as a list or all, and refuses a language it does not know, naming the choices", () => {
    expect(parseLanguages("go, rust,go")).toEqual(["go", "rust"]);
    expect(parseLanguages("all")).toEqual([...SANDBOX_LANGUAGES]);
    expect(() => parseLanguages("go,cobol")).toThrow(/unknown language\(s\) cobol: choose from javascript, python, go/);
    expect(() => parseLanguages(",")).toThrow(/\(none given\)/);
    expect(buildCommandFor(["go", "cpp"])).toBe("dgm sandbox build --languages go,cpp");
  });
});
