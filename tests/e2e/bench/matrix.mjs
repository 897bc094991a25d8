// The access matrix's browser benchmark, shared by scripts/bench-browser and the e2e smoke
// run: (1) the whole matrix of N principals × M keys × 20 actions computed in wasm; (2) a
// keystroke in the policy editor until the page has painted the draft's effect (the world
// has 10 principals × 10 keys; each keystroke's draft changes decisions, so the page
// recomputes the whole 10 × 10 × 20 matrix twice — saved and draft — and repaints).
// `page` is on the benchmark bundle (dist-bench).
export async function matrixBench(page, base, { principals = 100, keys = 100, rounds = 5, strokes = 20 } = {}) {
  await page.goto(base);
  await page.waitForFunction(() => window.wasmBindings && window.wasmBindings.bench_matrix);
  const [fullMs, cells, allowed] = await page.evaluate(
    ([p, k, r]) => Array.from(window.wasmBindings.bench_matrix(p, k, 20, r)),
    [principals, keys, rounds],
  );
  // A world of 10 × 10 saved in the browser; open the first key's policy in the editor.
  const save = await page.evaluate(() => window.wasmBindings.bench_world_save(10, 10));
  await page.evaluate((s) => localStorage.setItem("kms-playground/save", s), save);
  await page.goto(`${base}#/policies/key/00000000-0000-4000-8000-000000000000`);
  // Only the fragment changed: load the page again so that it opens the saved world.
  await page.reload();
  await page.locator("html[data-interactive]").waitFor();
  await page.locator(".editor .source").waitFor();
  await page.getByTestId("what-if").getByTestId("matrix").waitFor();
  // Each keystroke starts at the start of a frame. Measured: until the page has updated the
  // matrix and laid it out (script, style and layout: the work that must fit in a frame),
  // and in how many frames the result was painted (1: the very next frame).
  const runs = await page.evaluate(async (n) => {
    const area = document.querySelector(".editor .source");
    const matrix = document.querySelector("[data-testid=what-if] [data-testid=matrix]");
    const saved = area.value;
    // The draft's root statement names someone else: IAM policies stop counting on this key,
    // so decisions change on every keystroke.
    const other = saved.replace(":root\"", ":user/nobody\"");
    if (other === saved) throw new Error("the benchmark policy has no root statement to change");
    const summary = document.querySelector("[data-testid=what-if-summary]");
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const task = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
    const work = [], frames = [];
    for (let i = 0; i < n; i++) {
      await frame();
      const t0 = performance.now();
      area.value = i % 2 === 0 ? other : saved;
      area.dispatchEvent(new Event("input", { bubbles: true }));
      await task();
      matrix.getBoundingClientRect();
      work.push(performance.now() - t0);
      await frame();
      frames.push(Math.max(1, Math.round((performance.now() - t0) / (1000 / 60))));
      const expect = i % 2 === 0 ? /changes \d+ decision/ : /changes no decision/;
      if (!expect.test(summary.textContent)) throw new Error(`the page did not update: ${summary.textContent}`);
    }
    return { work, frames };
  }, strokes);
  const times = runs.work;
  await page.evaluate(() => localStorage.clear());
  const sorted = [...times].sort((a, b) => a - b);
  const nextFrame = runs.frames.filter((f) => f === 1).length;
  return { fullMs, cells, allowed, keystrokeMs: sorted[Math.floor(sorted.length / 2)], keystrokeMaxMs: sorted[sorted.length - 1], keystrokes: times, nextFrame };
}
