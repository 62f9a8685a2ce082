import { readFileSync } from 'node:fs';
import { LspTestClient, fileUri } from './client';
(async () => {
  const c = await LspTestClient.start();
  const uri = fileUri('/work/main/examples/lab.sms.yaml');
  await c.open(uri, readFileSync('examples/lab.sms.yaml', 'utf8'));
  const d = await c.diagnosticsForVersion(uri, 1);
  console.log(JSON.stringify(d.diagnostics.map(x => [x.code, x.range, x.relatedInformation?.length]), null, 0));
  console.log(d.diagnostics[0]?.message);
  console.log(c.logs);
  console.log(await c.shutdown());
})();
