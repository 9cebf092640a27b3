// The name SWE-bench publishes each instance's evaluation image under (its harness derives the same
// name, so images pulled from Docker Hub and images built by the harness match).
import { TaskError } from "../errors.ts";

/** Docker Hub refuses "__" in repository names, so SWE-bench writes it as "_1776_". */
const DUNDER_SUBSTITUTE = "_1776_";

/**
 * `<namespace>/sweb.eval.x86_64.<instance id>:latest`, lowercased (Docker repository names are), with
 * every "__" replaced left to right as SWE-bench's harness does:
 * django__django-10973 → swebench/sweb.eval.x86_64.django_1776_django-10973:latest.
 */
export function instanceImageName(instanceId: string, namespace = "swebench"): string {
  if (instanceId.trim() === "" || /[\s/:]/.test(instanceId)) {
    throw new TaskError(`SWE-bench instance id ${JSON.stringify(instanceId)} cannot name an image`, {
      fix: 'give an id such as "django__django-10973"',
    });
  }
  // A registry host with a port ("localhost:5000/swebench") is a namespace too.
  if (!/^[A-Za-z0-9][A-Za-z0-9._/:-]*$/.test(namespace) || namespace.endsWith("/")) {
    throw new TaskError(`image namespace ${JSON.stringify(namespace)} is not a Docker repository prefix`, {
      fix: 'give a Docker Hub user or organisation such as "swebench"',
    });
  }
  return `${namespace}/sweb.eval.x86_64.${instanceId}:latest`.toLowerCase().replaceAll("__", DUNDER_SUBSTITUTE);
}
