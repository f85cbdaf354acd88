const p = JSON.parse(require('fs').readFileSync(__dirname + '/engine.cpuprofile','utf8'));
const byId = new Map(p.nodes.map(n => [n.id, n]));
const self = new Map();
const dt = p.timeDeltas; let total = 0;
const counts = new Map();
for (let i = 0; i < p.samples.length; i++) { counts.set(p.samples[i], (counts.get(p.samples[i]) || 0) + dt[i]); total += dt[i]; }
// self time by function+url+line
for (const [id, t] of counts) { const n = byId.get(id); const cf = n.callFrame; const k = `${cf.functionName||'(anon)'} ${cf.url.split('/').pop()}:${cf.lineNumber}`; self.set(k, (self.get(k) || 0) + t); }
console.log('total ms', (total/1000).toFixed(0));
[...self].sort((a,b)=>b[1]-a[1]).slice(0,45).forEach(([k,t]) => console.log((t/1000).toFixed(0).padStart(6), k));
// inclusive time by function
const parent = new Map(); for (const n of p.nodes) for (const c of n.children||[]) parent.set(c, n.id);
const incl = new Map();
for (const [id, t] of counts) { const seen = new Set(); let cur = id; while (cur !== undefined) { const n = byId.get(cur); const cf = n.callFrame; const k = `${cf.functionName||'(anon)'} ${cf.url.split('/').pop()}:${cf.lineNumber}`; if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k)||0)+t); } cur = parent.get(cur); } }
console.log('--- inclusive');
[...incl].sort((a,b)=>b[1]-a[1]).slice(0,60).forEach(([k,t]) => console.log((t/1000).toFixed(0).padStart(6), k));
