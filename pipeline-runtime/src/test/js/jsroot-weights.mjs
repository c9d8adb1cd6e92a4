// Reads every histogram in the top directory of a weights file with jsroot and prints name, class, bins and contents
// as JSON: node jsroot-weights.mjs FILE
import { openFile } from 'jsroot';

const [fname] = process.argv.slice(2);
const file = await openFile(fname);
const out = [];
for (const key of file.fKeys) {
  if (!key.fClassName.startsWith('TH1')) continue;
  const h = await file.readObject(key.fName);
  out.push({ name: h.fName, className: h._typename, nbins: h.fXaxis.fNbins,
             xbins: Array.from(h.fXaxis.fXbins ?? []), contents: Array.from(h.fArray) });
}
console.log(JSON.stringify({ histograms: out }));
