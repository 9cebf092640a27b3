// The evaluation image names SWE-bench publishes on Docker Hub, one per instance.
import { describe, expect, it } from "vitest";
import { TaskError } from "../../../evaluator/errors.ts";
import { instanceImageName } from "../../../evaluator/swebench/image-name.ts";

describe("SWE-bench instance image names", () => {
  it("writes the owner/repo dunder as _1776_ under the swebench namespace", () => {
    expect(instanceImageName("django__django-10973")).toBe("swebench/sweb.eval.x86_64.django_1776_django-10973:latest");
    expect(instanceImageName("sympy__sympy-20590")).toBe("swebench/sweb.eval.x86_64.sympy_1776_sympy-20590:latest");
    expect(instanceImageName("astropy__astropy-12907")).toBe(
      "swebench/sweb.eval.x86_64.astropy_1776_astropy-12907:latest",
    );
  });

  it("lowercases ids with capitals, as Docker repository names must be", () => {
    expect(instanceImageName("pylint-dev__pylint-4551")).toBe(
      "swebench/sweb.eval.x86_64.pylint-dev_1776_pylint-4551:latest",
    );
    expect(instanceImageName("Project-MONAI__MONAI-1234")).toBe(
      "swebench/sweb.eval.x86_64.project-monai_1776_monai-1234:latest",
    );
  });

  it("takes another namespace, and refuses ids and namespaces that cannot name an image", () => {
    expect(instanceImageName("django__django-10973", "localhost:5000/mirror")).toBe(
      "localhost:5000/mirror/sweb.eval.x86_64.django_1776_django-10973:latest",
    );
    expect(() => instanceImageName("django/django-1")).toThrow(TaskError);
    expect(() => instanceImageName("")).toThrow(TaskError);
    expect(() => instanceImageName("django__django-1", "bad namespace")).toThrow(TaskError);
  });
});
