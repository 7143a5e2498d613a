// Tree 3.0: the questionnaire finds the reader's setting from their answers and shows that setting's text,
// the same text the Python model gives (Recommendation.advice), on every path of the settings fixture. The
// base data holds only the text every setting shares; each setting's own is in its own script.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { loadQuestionnaire, realTree } from "./harness.mjs";

const { api } = loadQuestionnaire();
const { model, replay, settingOf, forSetting, varies } = api;

describe("settings", () => {
  let tree;
  let settings;
  let paths;
  before(() => {
    const built = realTree("tests/fixtures/settings/escalation.yaml");
    tree = model(built.data);
    settings = built.settings;
    paths = built.paths;
  });

  /** What the reader of `path` is shown: its setting's script loaded, or (`own` null) not. */
  function shown(path, own) {
    const state = replay(tree, path.answers);
    const setting = settingOf(tree, state.answers);
    const texts = own === undefined ? (settings[setting][state.node] ?? {}) : own;
    return forSetting(tree.recommendations.get(state.node), setting, texts).text;
  }

  it("every path has a setting, and the script finds the same one", () => {
    assert.ok(paths.length > 0);
    for (const path of paths) {
      assert.ok(path.setting, JSON.stringify(path.answers));
      const state = replay(tree, path.answers);
      assert.equal(state.node, path.recommendation);
      assert.equal(settingOf(tree, state.answers), path.setting);
    }
  });

  it("every setting has a script, and the base data tells where they are", () => {
    assert.deepEqual(Object.keys(settings).sort(), ["business", "customer", "workplace"]);
    assert.equal(tree.settingScript, "questionnaire-data/{id}.js");
  });

  it("every path ends in the setting's complete text, as the model gives it", () => {
    for (const path of paths) {
      const text = shown(path);
      assert.ok(text.steps && text.steps.length, `${path.recommendation} for ${path.setting}: next steps`);
      assert.deepEqual(text.steps, path.advice.steps);
      assert.equal(text.say ? text.say.opening : null, path.advice.opening);
      assert.deepEqual(text.say ? text.ifNo : [], path.advice.ifNo);
    }
  });

  it("without its setting's script, a path shows only text that is the setting's own", () => {
    for (const path of paths) {
      const text = shown(path, null);
      if (text.steps) assert.deepEqual(text.steps, path.advice.steps);
      if (text.say) assert.equal(text.say.opening, path.advice.opening);
      if (text.ifNo) assert.deepEqual(text.ifNo, path.advice.ifNo);
    }
  });

  it("the base data holds no setting's own text", () => {
    const base = JSON.stringify([...tree.recommendations.values()]);
    for (const own of Object.values(settings)) {
      for (const fields of Object.values(own)) {
        for (const value of Object.values(fields)) {
          assert.ok(!base.includes(JSON.stringify(value)), `${JSON.stringify(value)} is in the base data`);
        }
      }
    }
  });

  it("links to the setting's section only where the advice varies by setting", () => {
    const manager = tree.recommendations.get("ask-for-the-manager");
    assert.ok(varies(manager, "customer"));
    assert.equal(forSetting(manager, "customer", settings.customer["ask-for-the-manager"]).section, "#customer");
    assert.equal(forSetting(manager, "customer", null).section, "#customer", "also when the text did not load");
    const same = tree.recommendations.get("keep-negotiating");
    assert.ok(!varies(same, "customer"));
    assert.equal(forSetting(same, "customer", null).section, "");
  });
});
