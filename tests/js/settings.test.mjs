// Tree 3.0: the questionnaire finds the reader's setting from their answers and shows that setting's text,
// the same text the Python model gives (Recommendation.advice), on every path of the settings fixture.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { loadQuestionnaire, realTree } from "./harness.mjs";

const { api } = loadQuestionnaire();
const { model, replay, settingOf, forSetting } = api;

describe("settings", () => {
  let tree;
  let paths;
  before(() => {
    const built = realTree("tests/fixtures/settings/escalation.yaml");
    tree = model(built.data);
    paths = built.paths;
  });

  it("every path has a setting, and the script finds the same one", () => {
    assert.ok(paths.length > 0);
    for (const path of paths) {
      assert.ok(path.setting, JSON.stringify(path.answers));
      const state = replay(tree, path.answers);
      assert.equal(state.node, path.recommendation);
      assert.equal(settingOf(tree, state.answers), path.setting);
    }
  });

  it("every path ends in the setting's complete text, as the model gives it", () => {
    for (const path of paths) {
      const state = replay(tree, path.answers);
      const shown = forSetting(tree.recommendations.get(state.node), settingOf(tree, state.answers)).text;
      assert.ok(shown.steps && shown.steps.length, `${path.recommendation} for ${path.setting}: next steps`);
      assert.deepEqual(shown.steps, path.advice.steps);
      assert.equal(shown.say ? shown.say.opening : null, path.advice.opening);
      assert.deepEqual(shown.say ? shown.ifNo : [], path.advice.ifNo);
    }
  });

  it("links to the setting's section only where the advice varies by setting", () => {
    const varies = forSetting(tree.recommendations.get("ask-for-the-manager"), "customer");
    assert.equal(varies.section, "#customer");
    const same = forSetting(tree.recommendations.get("keep-negotiating"), "customer");
    assert.equal(same.section, "");
  });
});
