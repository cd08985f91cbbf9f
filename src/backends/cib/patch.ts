// The v2 XML patch (`<diff format="2">`) that cibadmin --patch applies atomically. Its source
// version is the version of the CIB the changes were computed from: Pacemaker refuses the patch
// when the CIB moved on in between, which makes every write a compare-and-swap.

import type { CibChange } from './diff.js';
import type { CibVersion } from './model.js';
import { buildXml, element, type XmlElement } from './xml.js';

function versionElement(name: string, version: CibVersion): XmlElement {
  return element(name, {
    admin_epoch: String(version.adminEpoch),
    epoch: String(version.epoch),
    num_updates: String(version.numUpdates),
  });
}

function changeElement(change: CibChange): XmlElement {
  switch (change.operation) {
    case 'create':
      return element('change', { operation: 'create', path: change.parentPath, position: String(change.position) }, [change.element]);
    case 'delete':
      return element('change', { operation: 'delete', path: change.path });
    case 'modify': {
      const names = new Set([...Object.keys(change.previous), ...Object.keys(change.attributes)]);
      const list = [...names]
        .filter((name) => change.previous[name] !== change.attributes[name])
        .map((name) => change.attributes[name] === undefined
          ? element('change-attr', { name, operation: 'unset' })
          : element('change-attr', { name, operation: 'set', value: change.attributes[name] }));
      // Pacemaker takes the element's new attribute set from change-result.
      return element('change', { operation: 'modify', path: change.path }, [
        element('change-list', {}, list),
        element('change-result', {}, [element(change.element.name, change.attributes)]),
      ]);
    }
  }
}

/** The patch document; the target version is the next epoch (Pacemaker bumps it itself). */
export function buildPatch(source: CibVersion, changes: readonly CibChange[]): string {
  const target: CibVersion = { adminEpoch: source.adminEpoch, epoch: source.epoch + 1, numUpdates: 0 };
  return buildXml(element('diff', { format: '2' }, [
    element('version', {}, [versionElement('source', source), versionElement('target', target)]),
    ...changes.map(changeElement),
  ]));
}
