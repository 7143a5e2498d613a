// Tree 4.0: the questionnaire assembles a recommendation from the reader's own answers, showing only the parts
// whose `when` they meet: the same text the Python model gives (Recommendation.advice) on every path of the
// parts fixture, and, on two paths, the text written out here by hand.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { loadQuestionnaire, realTree } from "./harness.mjs";

const { api } = loadQuestionnaire();
const { model, replay, settingOf, forSetting, withParts } = api;

describe("advice assembled from the answers", () => {
  let tree;
  let paths;
  before(() => {
    const built = realTree("tests/fixtures/parts/escalation.yaml");
    tree = model(built.data);
    paths = built.paths;
  });

  /** What the reader who gives `answers` is shown, and where they end. */
  function shown(answers) {
    const state = replay(tree, answers);
    const setting = settingOf(tree, state.answers);
    return { node: state.node, text: withParts(forSetting(tree.recommendations.get(state.node), setting, null).text, state.answers) };
  }

  it("every path ends in the text the model assembles for its answers", () => {
    assert.equal(paths.length, 5);
    for (const path of paths) {
      const { node, text } = shown(path.answers);
      assert.equal(node, path.recommendation);
      assert.deepEqual(text.steps, path.advice.steps, JSON.stringify(path.answers));
      assert.equal(text.say.opening, path.advice.opening);
      assert.deepEqual(text.ifNo, path.advice.ifNo);
    }
  });

  it("money owed adds its step and move to the shared ones, and keeps the shared words", () => {
    const { text } = shown([["about", "money"], ["tried", "yes"]]);
    assert.deepEqual(text.steps, [
      "Gather what you have in writing.",
      "Say exactly what you want, and by when.",
      "Send the invoice again with a date to pay by.",
    ]);
    assert.equal(text.say.opening, "I am writing about [the problem].");
    assert.deepEqual(text.ifNo, ["Ask for the reason in writing.", "Make a small claim in court."]);
  });

  it("a repair brings the maker's route and its own words, and nothing of money's", () => {
    const { text } = shown([["about", "repair"], ["tried", "yes"]]);
    assert.ok(text.steps.includes("Quote the warranty and ask the maker, who can overrule the seller."));
    assert.ok(!text.steps.includes("Send the invoice again with a date to pay by."));
    assert.equal(text.say.opening, "The fault is covered by the warranty.");
    assert.deepEqual(text.ifNo, ["Ask for the reason in writing.", "Take it to the ombudsman for the sector."]);
  });
});
