// Loads the site's real scripts into Node, and the real tree's data as the build writes it.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Runs `file` (from the repository root) as a browser would a classic script, with `globals` as its globals. */
function runScript(file, globals) {
  const path = ROOT + file;
  const names = Object.keys(globals);
  // A function in this realm, not a new context: what the script returns is made of this realm's
  // arrays and Maps, so assert.deepStrictEqual can compare them with ours.
  const run = vm.compileFunction(readFileSync(path, "utf8"), names, { filename: path });
  run(...names.map((name) => globals[name]));
}

/** An object that fails the test if anything reads from it: the state functions must not touch it. */
function untouchable(name) {
  return new Proxy(
    {},
    {
      get(_, key) {
        throw new Error(`the questionnaire read ${name}.${String(key)} while loading or in a state function`);
      },
    },
  );
}

/**
 * build_tools/site/assets/javascripts/questionnaire.js, loaded unchanged into a page without a questionnaire:
 * it defines its functions and mounts nothing. Returns window.EscalationQuestionnaire and what the
 * script asked of the fake page.
 */
export function loadQuestionnaire() {
  const seen = { listeners: [], queries: [] };
  const window = {
    addEventListener(type) {
      seen.listeners.push(type);
    },
  };
  const document = {
    readyState: "complete",
    querySelector(selector) {
      seen.queries.push(selector);
      return null;
    },
    addEventListener(type) {
      seen.listeners.push("document:" + type);
    },
  };
  runScript("build_tools/site/assets/javascripts/questionnaire.js", {
    window,
    document,
    location: untouchable("location"),
    history: untouchable("history"),
    navigator: untouchable("navigator"),
  });
  return { api: window.EscalationQuestionnaire, seen };
}

/** The Python that builds the site: the project's virtualenv, as `make setup` makes it. */
function python() {
  const venv = ROOT + ".venv/bin/python";
  return existsSync(venv) ? venv : "python3";
}

const GENERATE = `
import json, sys
from build_tools.tree.paths import iter_paths
from tests.repository import DEFAULT_TREE
from build_tools.site.questionnaire_data import questionnaire_data, setting_scripts
from build_tools.tree.checks import check_file

tree = check_file(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_TREE)


def advice(path):
    text = tree.recommendations[path.recommendation].advice(path.setting, dict(path.answers))
    say = text.what_to_say
    return {
        "steps": list(text.next_steps),
        "opening": say.opening if say else None,
        "ifNo": list(text.if_still_no),
    }


json.dump(
    {
        "script": questionnaire_data(tree, directory_urls=True),
        "settings": setting_scripts(tree),
        "paths": [{**path.as_json(), "advice": advice(path)} for path in iter_paths(tree)],
    },
    sys.stdout,
)
`;

/**
 * The real tree: `data`, window.ESCALATION_TREE as the build's data script sets it; `settings`,
 * window.ESCALATION_TREE_SETTINGS as every setting's script sets it (tree 3.0; {} without settings),
 * keyed by setting and then recommendation; and `paths`, every
 * path the Python path engine lists ({answers: [[question, option], ...], recommendation, setting?}, with
 * `advice`, the text Recommendation.advice gives for its setting). `treeFile`: another tree instead.
 */
export function realTree(treeFile) {
  const out = execFileSync(python(), ["-c", GENERATE, ...(treeFile ? [treeFile] : [])], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_MKDOCS_2_WARNING: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  const { script, settings, paths } = JSON.parse(out);
  const window = {};
  const run = vm.compileFunction(script, ["window"], { filename: "questionnaire-data.js" });
  run(window);
  for (const [file, text] of Object.entries(settings)) vm.compileFunction(text, ["window"], { filename: file })(window);
  return { data: window.ESCALATION_TREE, settings: window.ESCALATION_TREE_SETTINGS || {}, paths };
}
