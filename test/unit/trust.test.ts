// Restricted Mode, the pure parts: where New Story writes, and which
// framework paths the configuration loader follows.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { storiesFolderOf } from '../../client/src/template';
import { isInside, loadConfig } from '../../server/src/node/files';

const abs = (p: string) => path.posix.isAbsolute(p);

describe('Restricted Mode: the manifest', () => {
  it('declares limited support, restricting every setting that can point outside the workspace, each a real setting', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8'));
    const untrusted = pkg.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.deepEqual([...untrusted.restrictedConfigurations].sort(), [
      'starStories.exclude',
      'starStories.framework',
      'starStories.include',
      'starStories.storiesFolder',
    ]);
    const configuration = [pkg.contributes.configuration].flat();
    const settings = new Set(configuration.flatMap((c: { properties: object }) => Object.keys(c.properties)));
    for (const key of untrusted.restrictedConfigurations) assert.ok(settings.has(key), `${key} is not a setting`);
  });
});

describe('Restricted Mode: the stories folder', () => {
  it('follows any folder in a trusted workspace', () => {
    assert.deepEqual(storiesFolderOf('/home/me/bank', true, abs), { absolute: '/home/me/bank', parts: [] });
    assert.deepEqual(storiesFolderOf('../elsewhere', true, abs), { parts: ['..', 'elsewhere'] });
    assert.deepEqual(storiesFolderOf(undefined, true, abs), { parts: ['stories'] });
  });

  it('refuses an absolute folder or one that climbs out of the workspace when untrusted, and uses stories instead', () => {
    for (const setting of ['/tmp/out', '../elsewhere', 'a/../../b']) {
      const f = storiesFolderOf(setting, false, abs);
      assert.deepEqual(f.parts, ['stories'], setting);
      assert.equal(f.absolute, undefined);
      assert.match(f.refused ?? '', /outside the workspace, which an untrusted workspace cannot write to/);
    }
  });

  it('keeps a folder inside the workspace when untrusted', () => {
    assert.deepEqual(storiesFolderOf('notes/../stories/2024', false, abs), { parts: ['notes', '..', 'stories', '2024'] });
    assert.deepEqual(storiesFolderOf('./bank', false, abs), { parts: ['bank'] });
  });
});

describe('Restricted Mode: framework paths', () => {
  let dir: string;
  let outside: string;
  const FW = 'name: Tiny\nprinciples:\n  - name: Kindness\n';
  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'star-trust-')));
    outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'star-trust-out-')));
    fs.writeFileSync(path.join(outside, 'fw.yaml'), FW);
    fs.writeFileSync(path.join(dir, 'fw.yaml'), FW);
    fs.symlinkSync(path.join(outside, 'fw.yaml'), path.join(dir, 'link.yaml'));
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('isInside resolves links before it judges', () => {
    assert.equal(isInside(path.join(dir, 'fw.yaml'), [dir]), true);
    assert.equal(isInside(path.join(dir, 'link.yaml'), [dir]), false);
    assert.equal(isInside(path.join(dir, '..', 'x'), [dir]), false);
    assert.equal(isInside(dir, [dir]), true);
  });

  it('a framework from the settings outside the workspace is used when trusted and refused when not', () => {
    const fw = path.join(outside, 'fw.yaml');
    const trusted = loadConfig(undefined, dir, { framework: fw }, { workspaceRoots: [dir] });
    assert.deepEqual(trusted.problems, []);
    assert.equal(trusted.config.framework.name, 'Tiny');
    const untrusted = loadConfig(undefined, dir, { framework: fw }, { workspaceRoots: [dir], trustedSettings: false });
    assert.notEqual(untrusted.config.framework.name, 'Tiny');
    assert.match(untrusted.problems[0]!.message, /untrusted workspace cannot point outside itself/);
    // inside the workspace it is followed either way
    assert.equal(loadConfig(undefined, dir, { framework: 'fw.yaml' }, { workspaceRoots: [dir], trustedSettings: false }).config.framework.name, 'Tiny');
  });
});
