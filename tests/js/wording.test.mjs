// The questionnaire's words and result pieces, as the build writes them into its data, against the scripts
// that use them: wording() from questionnaire.js, every word questionnaire.js and copy.js ask for, and the
// slots of each piece of the result block (build_tools/site/templates/result.j2) against the data's keys.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";

import { loadQuestionnaire, realTree, ROOT } from "./harness.mjs";

const { wording } = loadQuestionnaire().api;
const SCRIPTS = ROOT + "build_tools/site/assets/javascripts/";

describe("wording", () => {
  const words = {
    plain: "Next steps",
    filled: "Question {number} · {left}",
    count: "after {n} answers",
    count_one: "after {n} answer",
    only: "at most {n} more",
  };

  it("gives the words for a key, with each {name} filled in from the values", () => {
    assert.equal(wording(words, "plain"), "Next steps");
    assert.equal(wording(words, "filled", { number: 3, left: "at most 2 more" }), "Question 3 · at most 2 more");
  });

  it("takes the _one form for a count of one, and the plain form for any other count or where there is none", () => {
    assert.equal(wording(words, "count", { n: 1 }), "after 1 answer");
    assert.equal(wording(words, "count", { n: 0 }), "after 0 answers");
    assert.equal(wording(words, "count", { n: 2 }), "after 2 answers");
    assert.equal(wording(words, "only", { n: 1 }), "at most 1 more");
  });

  it("puts values in as they are: replacement patterns and placeholders in a value are text", () => {
    const value = "$& $1 $$ {number} <b>";
    assert.equal(wording(words, "filled", { number: value, left: "x" }), `Question ${value} · x`);
  });
});

describe("the real tree's data, for the scripts that read it", () => {
  let data;
  let texts; // each recommendation's text as readers see it: in each setting that reaches it, or its own
  before(() => {
    const built = realTree();
    data = built.data;
    texts = Object.entries(data.recommendations).flatMap(([id, r]) =>
      r.settings ? r.settings.map((setting) => ({ ...r, ...built.settings[setting][id] })) : [r],
    );
  });

  it("holds every word questionnaire.js and copy.js ask for, and nothing else", () => {
    const asked = new Set();
    const questionnaire = readFileSync(SCRIPTS + "questionnaire.js", "utf8");
    for (const [, key] of questionnaire.matchAll(/wording\([\w.]+, "(\w+)"/g)) asked.add(key);
    const copy = readFileSync(SCRIPTS + "copy.js", "utf8");
    for (const [, key] of copy.matchAll(/words\(\)\.(\w+)/g)) asked.add(key);
    const plurals = [...asked].filter((key) => `${key}_one` in data.words).map((key) => `${key}_one`);
    assert.ok(asked.size > 20, "the scripts' words were found");
    assert.deepEqual(new Set(Object.keys(data.words)), new Set([...asked, ...plurals]));
    for (const text of Object.values(data.words)) assert.equal(typeof text, "string");
  });

  it("has a piece for each the script clones, whose slots name the data's own fields", () => {
    const pieces = {};
    for (const [, name, html] of data.result.matchAll(/<template data-piece="(\w+)">([\s\S]*?)<\/template>/g)) {
      pieces[name] = {
        slots: [...html.matchAll(/data-slot="(\w*)"/g)].map((m) => m[1]),
        each: [...html.matchAll(/data-each="(\w+)"/g)].map((m) => m[1]),
      };
    }
    const script = readFileSync(SCRIPTS + "questionnaire.js", "utf8");
    const cloned = new Set([...script.matchAll(/piece\("(\w+)"/g)].map((m) => m[1]));
    assert.deepEqual(new Set(Object.keys(pieces)), cloned);
    assert.deepEqual(pieces, {
      verdict: { slots: ["verdict"], each: [] },
      steps: { slots: [""], each: ["steps"] },
      answers: { slots: ["prompt", "label", "meaning"], each: ["answers"] },
      say: { slots: ["opening", "subject", ""], each: ["email"] },
      still_no: { slots: [""], each: ["ifNo"] },
    });
    // What the script fills each piece from: a recommendation, or its words to say.
    for (const recommendation of texts) {
      assert.equal(typeof recommendation.verdict, "string");
      assert.ok(Array.isArray(recommendation.steps));
      if (!recommendation.say) continue;
      assert.deepEqual(Object.keys(recommendation.say).sort(), ["email", "opening", "subject"]);
      assert.ok(Array.isArray(recommendation.say.email) && Array.isArray(recommendation.ifNo));
    }
  });

  it("carries no tree text in the result's markup: tree text only ever goes into its slots, as text", () => {
    const shown = texts.flatMap((r) => [r.title, r.verdict, ...r.steps]);
    for (const question of Object.values(data.questions)) shown.push(question.prompt, question.why);
    for (const text of shown) assert.ok(!data.result.includes(text), text);
  });
});
