// The questionnaire's pure state functions, from build_tools/site/assets/javascripts/questionnaire.js as shipped:
// readFragment, replay, toFragment and model (wording.test.mjs tests wording). `make test` runs these with `node --test tests/js/*.test.mjs`;
// the browser tests (tests/test_questionnaire.py) cover what the page does with them.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { loadQuestionnaire, realTree } from "./harness.mjs";

const { api, seen } = loadQuestionnaire();
const { readFragment, replay, toFragment, model } = api;

/**
 * A small tree in the shape of window.ESCALATION_TREE:
 *   first --yes--> second --a--> done
 *     |              `----b---> stop
 *     `----no------> stop
 * `first` was once `opening`; its option `yes` was once `y`; `b` was once `a` and `bee`, and the
 * current `a` must still win over that former `a`.
 */
function fixture() {
  return {
    start: "first",
    recommendationUrl: "tree/recommendations/{id}/",
    questions: {
      first: {
        prompt: "First?",
        why: "Because.",
        depth: 2,
        formerIds: ["opening"],
        options: [
          { id: "yes", label: "Yes", meaning: "It is so.", next: "second", formerIds: ["y"] },
          { id: "no", label: "No", meaning: "It is not.", next: "stop" },
        ],
      },
      second: {
        prompt: "Second?",
        why: "Also because.",
        depth: 1,
        options: [
          { id: "a", label: "A", meaning: "The first.", next: "done" },
          { id: "b", label: "B", meaning: "The second.", next: "stop", formerIds: ["a", "bee"] },
        ],
      },
    },
    recommendations: {
      done: { title: "Done", verdict: "Go ahead.", steps: ["Do it."] },
      stop: { title: "Stop", verdict: "Do not.", steps: ["Wait."] },
    },
  };
}

const tree = model(fixture());
const answer = (question, option) => ({ question, option });
const HOSTILE = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"];

describe("loading questionnaire.js", () => {
  it("defines its pure functions and mounts nothing on a page without a questionnaire", () => {
    assert.deepEqual(Object.keys(api), ["readFragment", "replay", "toFragment", "model", "wording", "settingOf", "forSetting", "varies", "withParts"]);
    for (const fn of Object.values(api)) assert.equal(typeof fn, "function");
    // The data script, whose URL the settings' scripts are resolved against, is found as the script loads.
    assert.deepEqual(seen.queries, ["script[src$='questionnaire-data.js']", "[data-questionnaire]"]);
    assert.deepEqual(seen.listeners.sort(), ["hashchange", "popstate"]);
  });
});

describe("readFragment", () => {
  it("reads an empty fragment, or a bare #, as no answers and not malformed", () => {
    for (const hash of ["", "#"]) {
      assert.deepEqual(readFragment(hash), { pairs: [], changing: [], malformed: false }, JSON.stringify(hash));
    }
  });

  it("reads a= as the answers in order, with or without the #", () => {
    const expected = { pairs: [["first", "yes"], ["second", "a"]], changing: [], malformed: false };
    assert.deepEqual(readFragment("#a=first.yes/second.a"), expected);
    assert.deepEqual(readFragment("a=first.yes/second.a"), expected);
  });

  it("reads c= as the answers being changed, alone or with a=, in either order", () => {
    assert.deepEqual(readFragment("#c=second.a"), { pairs: [], changing: [["second", "a"]], malformed: false });
    const both = { pairs: [["first", "yes"]], changing: [["second", "b"]], malformed: false };
    assert.deepEqual(readFragment("#a=first.yes&c=second.b"), both);
    assert.deepEqual(readFragment("#c=second.b&a=first.yes"), both);
  });

  it("treats an empty a= as no answers, not as malformed", () => {
    assert.deepEqual(readFragment("#a="), { pairs: [], changing: [], malformed: false });
    assert.deepEqual(readFragment("#a=&c="), { pairs: [], changing: [], malformed: false });
  });

  it("splits each answer at its first dot; without one, or with nothing before it, the option is empty", () => {
    assert.deepEqual(readFragment("#a=first.yes.and.more").pairs, [["first", "yes.and.more"]]);
    assert.deepEqual(readFragment("#a=first").pairs, [["first", ""]]);
    assert.deepEqual(readFragment("#a=.yes").pairs, [[".yes", ""]]);
    assert.deepEqual(readFragment("#a=first./second.a").pairs, [["first", ""], ["second", "a"]]);
    assert.deepEqual(readFragment("#a=first.yes//second.a").pairs, [["first", "yes"], ["", ""], ["second", "a"]]);
  });

  it("decodes the fragment as URLSearchParams does", () => {
    assert.deepEqual(readFragment("#a=first.y%C3%A9s/second.a+b").pairs, [["first", "yés"], ["second", "a b"]]);
  });

  it("takes the first a= when a link has two", () => {
    assert.deepEqual(readFragment("#a=first.no&a=first.yes").pairs, [["first", "no"]]);
  });

  it("calls a fragment with neither a= nor c= malformed", () => {
    for (const hash of ["#first.yes", "#x=1", "#A=first.yes", "#section-2", "#__proto__=x", "#&&"]) {
      const read = readFragment(hash);
      assert.equal(read.malformed, true, hash);
      assert.deepEqual(read.pairs, [], hash);
      assert.deepEqual(read.changing, [], hash);
    }
  });

  it("gives __proto__ and other Object.prototype names back as plain strings, polluting nothing", () => {
    const hash = "#a=__proto__.polluted/constructor.prototype&c=__proto__.__proto__";
    assert.deepEqual(readFragment(hash), {
      pairs: [["__proto__", "polluted"], ["constructor", "prototype"]],
      changing: [["__proto__", "__proto__"]],
      malformed: false,
    });
    assert.equal({}.polluted, undefined);
    assert.equal(Object.prototype.polluted, undefined);
  });
});

describe("replay", () => {
  it("starts at the first question with no answers", () => {
    assert.deepEqual(replay(tree, []), { answers: [], node: "first", stale: false, renamed: false, pending: [] });
  });

  it("follows a whole path to its recommendation", () => {
    assert.deepEqual(replay(tree, [["first", "yes"], ["second", "a"]]), {
      answers: [answer("first", "yes"), answer("second", "a")],
      node: "done",
      stale: false,
      renamed: false,
      pending: [],
    });
    assert.equal(replay(tree, [["first", "no"]]).node, "stop");
  });

  it("stops a valid prefix at the question it reaches", () => {
    assert.deepEqual(replay(tree, [["first", "yes"]]), {
      answers: [answer("first", "yes")],
      node: "second",
      stale: false,
      renamed: false,
      pending: [],
    });
  });

  it("stops at the first answer that no longer fits, dropping every answer after it", () => {
    const cases = [
      { pairs: [["first", "maybe"], ["second", "a"]], kept: 0, node: "first" }, // an option the question lacks
      { pairs: [["first", "yes"], ["second", "c"]], kept: 1, node: "second" },
      { pairs: [["second", "a"], ["second", "b"]], kept: 0, node: "first" }, // one question answered twice
      { pairs: [["first", "yes"], ["first", "no"]], kept: 1, node: "second" },
      { pairs: [["first", "no"], ["second", "a"]], kept: 1, node: "stop" }, // past the recommendation
      { pairs: [["nowhere", "yes"]], kept: 0, node: "first" },
      { pairs: [["first", ""]], kept: 0, node: "first" },
    ];
    for (const { pairs, kept, node } of cases) {
      const state = replay(tree, pairs);
      const label = JSON.stringify(pairs);
      assert.equal(state.stale, true, label);
      assert.equal(state.node, node, label);
      assert.deepEqual(state.answers, pairs.slice(0, kept).map(([q, o]) => answer(q, o)), label);
    }
  });

  it("resolves former ids of questions and options to today's ids, and says so", () => {
    const cases = [
      [["opening", "yes"]],
      [["first", "y"]],
      [["opening", "y"]],
      [["first", "yes"], ["second", "bee"]],
    ];
    for (const pairs of cases) {
      const state = replay(tree, pairs);
      const label = JSON.stringify(pairs);
      assert.equal(state.renamed, true, label);
      assert.equal(state.stale, false, label);
      assert.ok(state.answers.every((a) => tree.questions.has(a.question)), label);
    }
    assert.deepEqual(replay(tree, [["opening", "y"], ["second", "bee"]]), {
      answers: [answer("first", "yes"), answer("second", "b")],
      node: "stop",
      stale: false,
      renamed: true,
      pending: [],
    });
  });

  it("asks a question the link never answered, then carries on with the link's answers", () => {
    // A link from before `first` was asked: it answers only `second`, by a former option id.
    const state = replay(tree, [["second", "bee"]]);
    assert.deepEqual(state, { answers: [], node: "first", stale: false, renamed: true, pending: [answer("second", "b")] });
    const then = replay(tree, [["first", "yes"], ...state.pending.map((a) => [a.question, a.option])]);
    assert.deepEqual(then, { answers: [answer("first", "yes"), answer("second", "b")], node: "stop", stale: false, renamed: false, pending: [] });
  });

  it("keeps no pending answer it cannot place: an unknown question, a repeated one, or answers past a recommendation", () => {
    for (const pairs of [
      [["second", "a"], ["nowhere", "x"]],
      [["second", "a"], ["opening", "y"], ["second", "b"]],
      [["first", "no"], ["second", "a"]],
      [["first", "yes"], ["first", "no"]],
    ]) {
      const state = replay(tree, pairs);
      assert.deepEqual(state.pending, [], JSON.stringify(pairs));
      assert.equal(state.stale, true, JSON.stringify(pairs));
    }
  });

  it("lets an option's current id win over another option's former id", () => {
    const state = replay(tree, [["first", "yes"], ["second", "a"]]);
    assert.equal(state.node, "done");
    assert.equal(state.renamed, false);
  });

  it("keeps a former id only where it is still the question being asked", () => {
    const state = replay(tree, [["first", "no"], ["opening", "yes"]]);
    assert.deepEqual(state.answers, [answer("first", "no")]);
    assert.equal(state.stale, true);
    assert.equal(state.renamed, false, "only accepted answers count as renamed");
  });

  it("finds nothing under __proto__ or any Object.prototype name", () => {
    for (const name of HOSTILE) {
      for (const pairs of [[[name, "yes"]], [["first", name]], [[name, name]], [["first", "yes"], ["second", name]]]) {
        const state = replay(tree, pairs);
        assert.equal(state.stale, true, JSON.stringify(pairs));
        assert.equal(state.answers.length, pairs.length - 1, JSON.stringify(pairs));
      }
    }
  });

  it("leaves the pairs it is given as they were", () => {
    const pairs = [["opening", "y"], ["second", "nope"]];
    const copy = structuredClone(pairs);
    replay(tree, pairs);
    assert.deepEqual(pairs, copy);
  });
});

describe("toFragment", () => {
  it("is empty with no answers and nothing being changed", () => {
    assert.equal(toFragment([]), "");
    assert.equal(toFragment([], []), "");
    assert.equal(toFragment([], undefined), "");
  });

  it("writes a= for the answers and c= for those being changed", () => {
    const answers = [answer("first", "yes"), answer("second", "a")];
    assert.equal(toFragment(answers), "#a=first.yes/second.a");
    assert.equal(toFragment(answers, []), "#a=first.yes/second.a");
    assert.equal(toFragment(answers.slice(0, 1), answers.slice(1)), "#a=first.yes&c=second.a");
    assert.equal(toFragment([], answers), "#c=first.yes/second.a");
  });

  it("round-trips through readFragment and replay for every prefix of every path, with and without c=", () => {
    const paths = [
      [answer("first", "yes"), answer("second", "a")],
      [answer("first", "yes"), answer("second", "b")],
      [answer("first", "no")],
    ];
    for (const path of paths) {
      for (let n = 0; n <= path.length; n++) {
        const answers = path.slice(0, n);
        const changing = path.slice(n);
        const read = readFragment(toFragment(answers, changing));
        assert.equal(read.malformed, false);
        assert.deepEqual(read.pairs, answers.map((a) => [a.question, a.option]));
        assert.deepEqual(read.changing, changing.map((a) => [a.question, a.option]));
        assert.deepEqual(replay(tree, read.pairs).answers, answers);
      }
    }
  });

  it("round-trips any ids that follow the tree's id rule", () => {
    // ^[a-z0-9]+(-[a-z0-9]+)*$, as decision_tree/schema.json says; a fixed walk, so a failure repeats.
    const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const id = () => {
      const words = [];
      for (let w = 1 + (next() % 3); w > 0; w--) {
        let word = "";
        for (let c = 1 + (next() % 6); c > 0; c--) word += alphabet[next() % alphabet.length];
        words.push(word);
      }
      return words.join("-");
    };
    for (let i = 0; i < 200; i++) {
      const answers = Array.from({ length: 1 + (i % 5) }, () => answer(id(), id()));
      assert.deepEqual(readFragment(toFragment(answers)).pairs, answers.map((a) => [a.question, a.option]));
    }
  });

  it("percent-encodes what would end an answer, a pair or the fragment", () => {
    const answers = [answer("q&c=x", "o#p"), answer("sp ace", "100%+é?")];
    const fragment = toFragment(answers);
    assert.equal(fragment, "#a=q%26c%3Dx.o%23p/sp%20ace.100%25%2B%C3%A9%3F");
    assert.deepEqual(readFragment(fragment), {
      pairs: answers.map((a) => [a.question, a.option]),
      changing: [],
      malformed: false,
    });
  });
});

describe("model", () => {
  it("keeps the start, the recommendation URL pattern and every node, in Maps", () => {
    assert.equal(tree.start, "first");
    assert.equal(tree.url, "tree/recommendations/{id}/");
    assert.ok(tree.questions instanceof Map && tree.recommendations instanceof Map && tree.renamed instanceof Map);
    assert.deepEqual([...tree.questions.keys()], ["first", "second"]);
    assert.deepEqual([...tree.recommendations.keys()], ["done", "stop"]);
    assert.deepEqual(tree.recommendations.get("done"), fixture().recommendations.done);
  });

  it("keeps each question's fields and finds its options by id and by former id", () => {
    const first = tree.questions.get("first");
    const { byId, ...fields } = first;
    assert.deepEqual(fields, fixture().questions.first);
    assert.deepEqual([...byId.keys()].sort(), ["no", "y", "yes"]);
    assert.equal(byId.get("y"), byId.get("yes"));
    assert.equal(byId.get("yes"), first.options[0]);
    const second = tree.questions.get("second");
    assert.equal(second.byId.get("a").id, "a", "a current id wins over a former one");
    assert.equal(second.byId.get("bee").id, "b");
  });

  it("maps a question's former ids to its id", () => {
    assert.deepEqual([...tree.renamed], [["opening", "first"]]);
  });

  it("leaves the data it is given as it was", () => {
    const data = fixture();
    model(data);
    assert.deepEqual(data, fixture());
  });

  it("finds nothing under __proto__ or any Object.prototype name", () => {
    for (const name of HOSTILE) {
      assert.equal(tree.questions.get(name), undefined, name);
      assert.equal(tree.recommendations.get(name), undefined, name);
      assert.equal(tree.renamed.get(name), undefined, name);
      assert.equal(tree.questions.get("first").byId.get(name), undefined, name);
    }
  });

  it("treats an own __proto__ key in the data as a name like any other", () => {
    const data = JSON.parse(
      '{"start":"__proto__","recommendationUrl":"r/{id}/","questions":{"__proto__":{"prompt":"P","why":"W",' +
        '"depth":1,"options":[{"id":"__proto__","label":"L","meaning":"M","next":"constructor"}]}},' +
        '"recommendations":{"constructor":{"title":"T","verdict":"V","steps":[]}}}',
    );
    const hostile = model(data);
    assert.deepEqual([...hostile.questions.keys()], ["__proto__"]);
    assert.deepEqual(replay(hostile, [["__proto__", "__proto__"]]), {
      answers: [answer("__proto__", "__proto__")],
      node: "constructor",
      stale: false,
      renamed: false,
      pending: [],
    });
    assert.equal(Object.prototype.prompt, undefined);
  });
});

describe("the real tree, as the build writes it", () => {
  let real;
  before(() => {
    real = realTree();
    real.tree = model(real.data);
  });

  it("is a tree the app can walk: every option leads to a question or a recommendation", () => {
    const { tree: t } = real;
    assert.ok(t.questions.has(t.start));
    for (const question of t.questions.values()) {
      for (const option of question.options) {
        assert.ok(t.questions.has(option.next) || t.recommendations.has(option.next), option.next);
      }
    }
  });

  it("replays every path the path engine lists to its recommendation, and so does the path's link", () => {
    const { tree: t, paths } = real;
    assert.ok(paths.length > 0);
    for (const path of paths) {
      const state = replay(t, path.answers);
      const label = JSON.stringify(path.answers);
      assert.deepEqual(state, {
        answers: path.answers.map(([q, o]) => answer(q, o)),
        node: path.recommendation,
        stale: false,
        renamed: false,
        pending: [],
      });
      assert.deepEqual(replay(t, readFragment(toFragment(state.answers)).pairs), state, label);
    }
    assert.deepEqual(new Set(paths.map((p) => p.recommendation)), new Set(t.recommendations.keys()));
  });

  it("resumes stale links at their longest valid prefix", () => {
    const { tree: t, paths } = real;
    const first = paths.find((p) => p.answers.length > 1).answers;
    const cases = [
      { pairs: [...first.slice(0, -1), [first.at(-1)[0], "no-such-option"]], kept: first.length - 1 },
      { pairs: [first[0], ["not-the-next-question", "x"], ...first.slice(1)], kept: 1 },
      { pairs: [...first, ["after-the-end", "x"]], kept: first.length },
      { pairs: [["__proto__", "constructor"]], kept: 0 },
      { pairs: [[t.start, "toString"]], kept: 0 },
    ];
    for (const { pairs, kept } of cases) {
      const state = replay(t, pairs);
      const label = JSON.stringify(pairs);
      assert.equal(state.stale, true, label);
      assert.equal(state.answers.length, kept, label);
      assert.equal(state.node, replay(t, pairs.slice(0, kept)).node, label);
      assert.equal(toFragment(state.answers), kept ? "#a=" + pairs.slice(0, kept).map((p) => p.join(".")).join("/") : "");
    }
  });
});
