// How SWE-bench runs each repository's tests, per repository version: the classic Python specs of the
// published harness (MAP_REPO_VERSION_TO_SPECS at SWE-bench commit df7b6b6, and MAP_REPO_TO_PARSER),
// kept as data. Only what grading needs is here: the test command the test directives are appended to,
// the commands run before it, the install step the eval script repeats (old Django installs a copy, so
// an edit is not seen until it is reinstalled), and the log parser. Building the environments (python
// versions, packages) is the published images' job. dbt-core (no test command) and the humaneval
// pseudo-repository (no parser) are left out, as the harness cannot grade them either.
import { TaskError } from "../errors.ts";

export type ParserName = "pytest" | "pytest-options" | "pytest-v2" | "django" | "sympy" | "seaborn" | "matplotlib";

export interface RepoSpec {
  /** A shell command line; the test directives are appended to it, separated by spaces. */
  testCommand: string;
  parser: ParserName;
  /** Run in the testbed environment before anything else (Django's locale settings). */
  evalCommands: string[];
  /** Reinstalls the repository in the testbed environment, as the eval script does before the tests. */
  installCommand: string;
}

export class SwebenchSpecError extends TaskError {}

// The harness's own command constants. Its first TEST_PYTEST (`--no-header --tb=no -p no:cacheprovider`)
// is redefined as plain `pytest -rA` a few lines later, and that later value is the one every spec uses.
const PYTEST = "pytest -rA";
const ASTROPY_PYTEST = "pytest -rA -vv -o console_output_style=classic --tb=no";
const DJANGO = "./tests/runtests.py --verbosity 2 --settings=test_sqlite --parallel 1";
const DJANGO_NO_PARALLEL = "./tests/runtests.py --verbosity 2";
const SEABORN = "pytest --no-header -rA";
const SPHINX = "tox --current-env -epy39 -v --";
const SYMPY = "PYTHONWARNINGS='ignore::UserWarning,ignore::SyntaxWarning' bin/test -C --verbose";

const PIP_EDITABLE = "python -m pip install -e .";
const DJANGO_1_LOCALE = [
  "export LANG=en_US.UTF-8",
  "export LC_ALL=en_US.UTF-8",
  "export PYTHONIOENCODING=utf8",
  "export LANGUAGE=en_US:en",
];
const DJANGO_3_LOCALE = [
  "sed -i '/en_US.UTF-8/s/^# //g' /etc/locale.gen && locale-gen",
  "export LANG=en_US.UTF-8",
  "export LANGUAGE=en_US:en",
  "export LC_ALL=en_US.UTF-8",
];

/** Versions that share a test command, install step and eval commands. */
interface VersionGroup {
  versions: string[];
  testCommand: string;
  install: string;
  evalCommands?: string[];
}

interface RepoEntry {
  parser: ParserName;
  groups: VersionGroup[];
}

const REPOS: Record<string, RepoEntry> = {
  "astropy/astropy": {
    parser: "pytest-v2",
    groups: [
      {
        versions: ["3.0", "3.1", "3.2", "4.1", "4.2", "4.3", "5.0", "5.1", "5.2", "v5.3"],
        testCommand: PYTEST,
        install: "python -m pip install -e .[test] --verbose",
      },
      {
        versions: ["0.1", "0.2", "0.3", "0.4", "1.1", "1.2", "1.3"],
        testCommand: ASTROPY_PYTEST,
        install: "python -m pip install -e .[test] --verbose",
      },
    ],
  },
  "django/django": {
    parser: "django",
    groups: [
      {
        versions: ["1.7", "1.8", "1.10", "1.11", "2.0", "2.1", "2.2"],
        testCommand: DJANGO,
        install: "python setup.py install",
        evalCommands: DJANGO_1_LOCALE,
      },
      {
        versions: ["1.9"],
        testCommand: DJANGO_NO_PARALLEL,
        install: "python setup.py install",
        evalCommands: DJANGO_1_LOCALE,
      },
      { versions: ["1.4", "1.5", "1.6"], testCommand: DJANGO, install: "python setup.py install" },
      { versions: ["3.0", "3.1", "3.2"], testCommand: DJANGO, install: PIP_EDITABLE, evalCommands: DJANGO_3_LOCALE },
      { versions: ["4.0", "4.1", "4.2", "5.0", "5.1", "5.2"], testCommand: DJANGO, install: PIP_EDITABLE },
    ],
  },
  "matplotlib/matplotlib": {
    parser: "matplotlib",
    groups: [
      {
        versions: ["3.0", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7"],
        testCommand: PYTEST,
        install: PIP_EDITABLE,
      },
      {
        versions: ["3.8", "3.9"],
        testCommand: PYTEST,
        install: 'python -m pip install --no-build-isolation -e ".[dev]"',
      },
      {
        versions: ["1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "2.0", "2.1", "2.2"],
        testCommand: PYTEST,
        install: "python setup.py build; python setup.py install",
      },
    ],
  },
  "marshmallow-code/marshmallow": {
    parser: "pytest",
    groups: [
      {
        versions: ["2.18", "2.19", "2.20", "3.0", "3.1", "3.2", "3.4", "3.8", "3.9", "3.10", "3.11", "3.12"].concat([
          "3.13",
          "3.15",
          "3.16",
          "3.19",
        ]),
        testCommand: PYTEST,
        install: "python -m pip install -e '.[dev]'",
      },
    ],
  },
  "mwaskom/seaborn": {
    parser: "seaborn",
    groups: [
      { versions: ["0.11"], testCommand: SEABORN, install: PIP_EDITABLE },
      { versions: ["0.12", "0.13", "0.14"], testCommand: SEABORN, install: "python -m pip install -e .[dev]" },
    ],
  },
  "pallets/flask": {
    parser: "pytest",
    groups: [{ versions: ["2.0", "2.1", "2.2", "2.3", "3.0", "3.1"], testCommand: PYTEST, install: PIP_EDITABLE }],
  },
  "psf/requests": {
    parser: "pytest-options",
    groups: [
      {
        versions: ["0.7", "0.8", "0.9", "0.11", "0.13", "0.14", "1.1", "1.2", "2.0", "2.2", "2.3", "2.4", "2.5"]
          .concat(["2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "2.17", "2.18", "2.19", "2.22", "2.25", "2.26"])
          .concat(["2.27", "2.31", "3.0"]),
        testCommand: PYTEST,
        install: "python -m pip install .",
      },
    ],
  },
  "pvlib/pvlib-python": {
    parser: "pytest",
    groups: [
      {
        versions: ["0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"],
        testCommand: PYTEST,
        install: "python -m pip install -e .[all]",
      },
    ],
  },
  "pydata/xarray": {
    parser: "pytest",
    groups: [
      {
        versions: ["0.12", "0.18", "0.19", "0.20", "2022.03", "2022.06", "2022.09", "2023.07", "2024.05"],
        testCommand: PYTEST,
        install: PIP_EDITABLE,
      },
    ],
  },
  "pydicom/pydicom": {
    parser: "pytest-options",
    groups: [
      {
        versions: ["1.0", "1.1", "1.2", "1.3", "1.4", "2.0", "2.1", "2.2", "2.3", "2.4", "3.0"],
        testCommand: PYTEST,
        install: PIP_EDITABLE,
      },
    ],
  },
  "pylint-dev/astroid": {
    parser: "pytest",
    groups: [
      {
        versions: ["2.5", "2.6", "2.7", "2.8", "2.9", "2.10", "2.12", "2.13", "2.14", "2.15", "2.16", "3.0"],
        testCommand: PYTEST,
        install: PIP_EDITABLE,
      },
    ],
  },
  "pylint-dev/pylint": {
    parser: "pytest-options",
    groups: [
      {
        versions: [
          "2.8",
          "2.9",
          "2.10",
          "2.11",
          "2.13",
          "2.14",
          "2.15",
          "2.16",
          "2.17",
          "3.0",
          "3.1",
          "3.2",
          "3.3",
        ].concat(["4.0"]),
        testCommand: PYTEST,
        install: PIP_EDITABLE,
      },
    ],
  },
  "pytest-dev/pytest": {
    parser: "pytest",
    groups: [
      {
        versions: [
          "4.4",
          "4.5",
          "4.6",
          "5.0",
          "5.1",
          "5.2",
          "5.3",
          "5.4",
          "6.0",
          "6.2",
          "6.3",
          "7.0",
          "7.1",
          "7.2",
        ].concat(["7.4", "8.0", "8.1", "8.2", "8.3", "8.4"]),
        testCommand: PYTEST,
        install: PIP_EDITABLE,
      },
    ],
  },
  "pyvista/pyvista": {
    parser: "pytest",
    groups: [
      {
        versions: [
          "0.20",
          "0.21",
          "0.22",
          "0.23",
          "0.24",
          "0.25",
          "0.26",
          "0.27",
          "0.28",
          "0.29",
          "0.30",
          "0.31",
        ].concat(["0.32", "0.33", "0.34", "0.35", "0.36", "0.37", "0.38", "0.39", "0.40", "0.41", "0.42", "0.43"]),
        testCommand: PYTEST,
        install: PIP_EDITABLE,
      },
    ],
  },
  "scikit-learn/scikit-learn": {
    parser: "pytest-v2",
    groups: [
      {
        versions: ["0.20", "0.21", "0.22", "1.3", "1.4", "1.5", "1.6"],
        testCommand: PYTEST,
        install: "python -m pip install -v --no-use-pep517 --no-build-isolation -e .",
      },
    ],
  },
  "sphinx-doc/sphinx": {
    parser: "pytest-v2",
    groups: [
      {
        versions: ["1.5", "1.6", "1.7", "1.8", "2.0", "2.1", "2.2", "2.3", "2.4", "3.0", "3.1", "3.2", "3.3", "3.4"]
          .concat(["3.5", "4.0", "4.1", "4.2", "4.3", "4.4", "4.5", "5.0", "5.1", "5.2", "5.3", "6.0", "6.2"])
          .concat(["7.0", "7.1", "7.2", "7.3", "7.4", "8.0", "8.1"]),
        testCommand: SPHINX,
        install: "python -m pip install -e .[test]",
      },
    ],
  },
  "sqlfluff/sqlfluff": {
    parser: "pytest",
    groups: [
      {
        versions: [
          "0.4",
          "0.5",
          "0.6",
          "0.8",
          "0.9",
          "0.10",
          "0.11",
          "0.12",
          "0.13",
          "1.0",
          "1.1",
          "1.2",
          "1.3",
        ].concat(["1.4", "2.0", "2.1", "2.2"]),
        testCommand: PYTEST,
        install: PIP_EDITABLE,
      },
    ],
  },
  "sympy/sympy": {
    parser: "sympy",
    groups: [
      {
        versions: ["0.7", "1.0", "1.1", "1.2", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "1.10", "1.11", "1.12"].concat(
          ["1.13", "1.14"],
        ),
        testCommand: SYMPY,
        install: PIP_EDITABLE,
      },
    ],
  },
};

const TABLE_FIX =
  "add it to evaluator/swebench/specs.ts, copying its test_cmd, install and eval_commands from SWE-bench's " +
  "swebench/harness/constants/python.py (MAP_REPO_VERSION_TO_SPECS) and its parser from MAP_REPO_TO_PARSER";

export function knownRepos(): string[] {
  return Object.keys(REPOS).sort();
}

/** The versions of one repository the table knows, in the table's order; empty for an unknown repository. */
export function knownVersions(repo: string): string[] {
  return Object.hasOwn(REPOS, repo) ? (REPOS[repo]?.groups.flatMap((group) => group.versions) ?? []) : [];
}

function unknownRepo(repo: string): SwebenchSpecError {
  const sameButCase = knownRepos().find((known) => known.toLowerCase() === repo.toLowerCase());
  const hint = sameButCase === undefined ? "" : ` (did you mean "${sameButCase}"? names are case-sensitive)`;
  return new SwebenchSpecError(
    `SWE-bench repository "${repo}" has no test spec${hint}; known repositories: ${knownRepos().join(", ")}`,
    { fix: `use an instance of a known repository, or ${TABLE_FIX}` },
  );
}

export function repoSpec(repo: string, version: string): RepoSpec {
  const entry = Object.hasOwn(REPOS, repo) ? REPOS[repo] : undefined;
  if (entry === undefined) throw unknownRepo(repo);
  const group = entry.groups.find((candidate) => candidate.versions.includes(version));
  if (group === undefined) {
    throw new SwebenchSpecError(
      `SWE-bench repository "${repo}" has no test spec for version "${version}"; ` +
        `known versions: ${knownVersions(repo).join(", ")}`,
      {
        fix: `check the instance's "version" field (a string such as "3.0", as the dataset writes it), or ${TABLE_FIX}`,
      },
    );
  }
  return {
    testCommand: group.testCommand,
    parser: entry.parser,
    evalCommands: [...(group.evalCommands ?? [])],
    installCommand: group.install,
  };
}
