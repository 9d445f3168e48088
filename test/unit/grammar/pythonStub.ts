/**
 * A minimal stand-in for the `source.python` grammar (MagicPython's is not available offline),
 * reproducing the structure the injection depends on: comments are a begin/end rule scoped
 * `comment.line.number-sign.python` whose `#` is consumed by the begin match; strings and
 * docstrings are separate rules, so an injection into comments must not reach them.
 */
import type { IRawGrammar } from 'vscode-textmate';

/** The stub grammar, in the raw (JSON) form `Registry.loadGrammar` returns. */
export const PYTHON_STUB: IRawGrammar = {
  scopeName: 'source.python',
  patterns: [{ include: '#comment' }, { include: '#docstring' }, { include: '#string' }],
  repository: {
    comment: {
      name: 'comment.line.number-sign.python',
      begin: '(\\#)',
      beginCaptures: { '1': { name: 'punctuation.definition.comment.python' } },
      end: '($)',
      patterns: [{ match: '\\b(?:NOTE|XXX|HACK|FIXME|BUG|TODO)\\b', name: 'keyword.codetag.notation.python' }],
    },
    docstring: {
      name: 'string.quoted.docstring.multi.python',
      begin: '"""',
      end: '"""',
    },
    string: {
      name: 'string.quoted.single.python',
      begin: "'",
      end: "'|$",
    },
  },
} as unknown as IRawGrammar;
