// The board converges to the store whatever order its messages arrive in.
//
// The kernel sends an ack (a custom message) and then the state (a model update); another
// board's moves come as a "changes" custom message. ipywidgets hands a custom message to
// the board at once but queues each update behind the ones before it, so a custom message
// can overtake updates sent before it (never the other way round). These tests replay the
// messages of one study in every order and check, as view.js draws them (Pending for the
// board's own moves, LiveChanges for the others', shownColumns to decide), that each note
// ends in the columns the store has, and that a moved card never goes back for a moment.

import assert from "node:assert/strict";
import { test } from "node:test";

import { LiveChanges } from "../../synthesis/board/js/live.js";
import { shownColumns } from "../../synthesis/board/js/placing.js";
import { Pending } from "../../synthesis/board/js/protocol.js";

const rank = new Map([["t-bank", 0], ["t-export", 1]]);

/** What view.js keeps of the kernel's messages, without the DOM. */
class Board {
  /** @param {Record<string, string[]>} placements @param {number} seq */
  constructor(placements, seq) {
    this.pending = new Pending("v");
    this.live = new LiveChanges();
    this.placements = placements;
    this.seq = seq;
    this.deliver({ kind: "state", placements, seq });
  }

  /** @param {string} note @param {string[]} cols  An optimistic move; returns its id. */
  move(note, cols) {
    return this.pending.begin({ type: "move" }, { notes: [note], cols: { [note]: cols } }).id;
  }

  /** @param {any} m  One message as the board receives it. */
  deliver(m) {
    if (m.kind === "ack") this.pending.settle(m);
    else if (m.kind === "changes") this.live.add(m);
    else { // an update: the model's "change" event, then apply()
      if (m.placements) this.placements = m.placements;
      this.seq = m.seq;
      this.live.pushed(this.placements, this.seq);
      this.pending.caughtUp(this.seq);
    }
  }

  /** @param {string} note */
  shown(note) {
    return shownColumns(note, this.live.over(this.placements), this.pending, rank);
  }
}

/**
 * Every order a browser could see two message streams in, each kept in its own order.
 * @param {any[]} a @param {any[]} b @returns {any[][]}
 */
function interleavings(a, b) {
  if (!a.length) return [b];
  if (!b.length) return [a];
  return [...interleavings(a.slice(1), b).map((rest) => [a[0], ...rest]),
    ...interleavings(a, b.slice(1)).map((rest) => [b[0], ...rest])];
}

test("an own move and another board's change, in every order: the board ends as the store", () => {
  const p1 = { "n-1": ["t-bank"] };
  const p2 = { "n-1": ["t-bank"], "n-5": ["t-export"] }; // after this board's move (seq 2)
  // Then another board moves n-6 into t-bank (seq 3): the kernel counts it as shown (it
  // keeps p2 + n-6 as the placements the browser has), pushes only the new seq, and sends
  // the change as a custom message.
  const store = { "n-1": ["t-bank"], "n-5": ["t-export"], "n-6": ["t-bank"] };
  const customs = [{ kind: "ack", id: "v-1", ok: true, seq: 2 },
    { kind: "changes", seq: 3, placements: { "n-6": ["t-bank"] } }];
  const updates = [{ kind: "state", placements: p2, seq: 2 }, { kind: "state", seq: 3 }];
  const orders = interleavings(customs, updates);
  assert.equal(orders.length, 6);
  for (const order of orders) {
    const b = new Board(p1, 1);
    b.move("n-5", ["t-export"]);
    for (const m of order) {
      b.deliver(m);
      const where = order.map((x) => x.kind).join(",");
      assert.deepEqual(b.shown("n-5"), ["t-export"], `n-5 went back after ${where}`);
    }
    for (const n of ["n-1", "n-5", "n-6", "n-7"]) {
      assert.deepEqual(b.shown(n), store[n] || ["unsorted"], `${n} after ${order.map((x) => x.kind)}`);
    }
  }
});

test("the old way (a change set over the model's placements) loses it to an older state", () => {
  // What live.js did before: set the model's placements to the patched ones. A state
  // pushed before the change but applied after it wrote the old placements back, and the
  // kernel, counting the change as shown, never sent it again.
  const model = { placements: { "n-1": ["t-bank"] } };
  model.placements = { ...model.placements, "n-6": ["t-bank"] }; // the change, at once
  model.placements = { "n-1": ["t-bank"], "n-5": ["t-export"] }; // the older update, later
  assert.equal(model.placements["n-6"], undefined);
  // Kept apart, the change survives the older state and goes once a push holds it.
  const live = new LiveChanges();
  live.pushed({ "n-1": ["t-bank"] }, 1);
  assert.deepEqual(live.add({ seq: 3, placements: { "n-6": ["t-bank"] } }), ["n-6"]);
  const older = { "n-1": ["t-bank"], "n-5": ["t-export"] };
  live.pushed(older, 2);
  assert.deepEqual(live.over(older)["n-6"], ["t-bank"]);
  const holding = { ...older, "n-6": ["t-bank"] };
  live.pushed(holding, 3);
  assert.equal(live.moved.size, 0);
  assert.equal(live.over(holding), holding); // nothing on top: the same object
});

test("a change older than the placements pushed, or than a change of the same note, is dropped", () => {
  const live = new LiveChanges();
  const p = { "n-6": ["t-export"] }; // n-6 moved to t-bank at seq 3, then to t-export at 4
  live.pushed(p, 4);
  assert.deepEqual(live.add({ seq: 3, placements: { "n-6": ["t-bank"] } }), []);
  assert.deepEqual(live.over(p), { "n-6": ["t-export"] });
  assert.deepEqual(live.add({ seq: 6, placements: { "n-6": [] } }), ["n-6"]); // to unsorted
  assert.deepEqual(live.add({ seq: 5, placements: { "n-6": ["t-bank"] } }), []);
  assert.deepEqual(live.over(p), {});
  live.pushed({ ...p }, 5); // placements as of seq 5 do not hold the change of seq 6
  assert.deepEqual(live.over(p), {});
});

test("an acknowledged move holds its card until the state after the ack is drawn", () => {
  const b = new Board({}, 1);
  b.move("n-5", ["t-export"]);
  b.deliver({ kind: "ack", id: "v-1", ok: true, seq: 2 });
  assert.equal(b.pending.holds("n-5"), false); // no longer "saving"
  b.deliver({ kind: "state", seq: 1 }); // an older push (a beat, a refresh) drawn first
  assert.deepEqual(b.shown("n-5"), ["t-export"]);
  b.deliver({ kind: "state", placements: { "n-5": ["t-export"] }, seq: 2 });
  assert.equal(b.pending.acked.size, 0);
  assert.deepEqual(b.shown("n-5"), ["t-export"]);
  // The state can also come first (then the ack holds nothing), and a refusal goes back
  // at once to where the store has the note.
  b.move("n-5", ["t-bank"]);
  b.deliver({ kind: "state", placements: { "n-5": ["t-bank"] }, seq: 3 });
  b.deliver({ kind: "ack", id: "v-2", ok: true, seq: 3 });
  assert.equal(b.pending.acked.size, 0);
  assert.deepEqual(b.shown("n-5"), ["t-bank"]);
  b.move("n-5", ["t-export"]);
  b.deliver({ kind: "ack", id: "v-3", ok: false, seq: 4, error: "no such theme" });
  assert.deepEqual(b.shown("n-5"), ["t-bank"]);
});

test("an undo after a move, acks overtaking their states: the card ends where the store has it", () => {
  // The keyboard test's sequence: move n-5 (seq 2), undo it (seq 3), then drag n-6 (seq 4).
  const b = new Board({ "n-4": ["t-export"] }, 1);
  b.move("n-5", ["t-export"]);
  b.deliver({ kind: "ack", id: "v-1", ok: true, seq: 2 });
  b.deliver({ kind: "state", placements: { "n-4": ["t-export"], "n-5": ["t-export"] }, seq: 2 });
  b.pending.begin({ type: "undo" }); // v-2: the kernel decides, nothing held
  b.deliver({ kind: "ack", id: "v-2", ok: true, seq: 3 });
  b.deliver({ kind: "state", placements: { "n-4": ["t-export"] }, seq: 3 });
  assert.deepEqual(b.shown("n-5"), ["unsorted"]);
  b.move("n-6", ["t-bank"]);
  b.deliver({ kind: "ack", id: "v-3", ok: true, seq: 4 });
  b.deliver({ kind: "state", seq: 3 }); // a stale push landing between the ack and its state
  assert.deepEqual(b.shown("n-6"), ["t-bank"]);
  b.deliver({ kind: "state", placements: { "n-4": ["t-export"], "n-6": ["t-bank"] }, seq: 4 });
  assert.deepEqual([b.shown("n-4"), b.shown("n-5"), b.shown("n-6")],
    [["t-export"], ["unsorted"], ["t-bank"]]);
});
