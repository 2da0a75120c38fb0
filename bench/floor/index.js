"use strict";
/**
 * The benchmark's floor: a trivial Pulumi dynamic provider whose create, update, read and delete
 * each wait 50 ms once (the emulator's fixed API latency) and return. Everything a stack of these
 * costs above that is engine overhead; whatever pulumi-realtimekit costs above the floor is ours.
 *
 * It is serialized the way pulumi-realtimekit's stubs are: bench/lib/packages.ts copies this folder to
 * bench/tmp/node_modules/rtk-bench-floor, so Pulumi stores `require("rtk-bench-floor/index.js")`
 * (a few hundred bytes) instead of inlining the code. check and diff do the minimum: defaults
 * pass through, diff compares the declared fields.
 */
const DELAY_MS = Number(process.env.RTK_BENCH_FLOOR_DELAY_MS || 50);
let counter = 0;

function wait() {
  return new Promise((resolve) => setTimeout(resolve, DELAY_MS));
}

function fields(props) {
  const out = {};
  for (const [key, value] of Object.entries(props)) {
    if (key !== "__provider" && key !== "createdAt" && key !== "updatedAt") out[key] = value;
  }
  return out;
}

module.exports = {
  async check(_olds, news) {
    return { inputs: news };
  },
  async diff(_id, olds, news) {
    const a = fields(olds);
    const b = fields(news);
    const changes = Object.keys(b).some((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
    return { changes };
  },
  async create(inputs) {
    await wait();
    const now = new Date().toISOString();
    counter++;
    return { id: `floor-${process.pid}-${counter}`, outs: { ...fields(inputs), createdAt: now, updatedAt: now } };
  },
  async read(id, props) {
    await wait();
    return { id, props: { ...props }, inputs: fields(props) };
  },
  async update(_id, olds, news) {
    await wait();
    return { outs: { ...fields(news), createdAt: olds.createdAt, updatedAt: new Date().toISOString() } };
  },
  async delete() {
    await wait();
  },
};
