/**
 * reStructuredText → Markdown: each construct of the subset Django's reference uses, with exact
 * Markdown, and the escaping that keeps the source's text from becoming Markdown of its own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rstToMarkdown } from '../../../server/src/documentation/rst';

const DOCS = 'https://docs.djangoproject.com/en/5.2/';
const settingUrl = (name: string): string | undefined => (name === 'WIDGET_CACHE' ? `https://docs.example/settings/#${name}` : undefined);
const md = (rst: string): string => rstToMarkdown(rst, { settingUrl, docBaseUrl: DOCS });

test('paragraph lines are joined with spaces; paragraphs are separated by a blank line', () => {
  assert.equal(md('One line\nand the next.\n\nA second paragraph.'), 'One line and the next.\n\nA second paragraph.');
});

test('inline literals, emphasis and strong', () => {
  assert.equal(md('A ``literal``, *soft* and **loud** words.'), 'A `literal`, *soft* and **loud** words.');
  assert.equal(md('Spans ``two\nlines`` here.'), 'Spans `two lines` here.');
  assert.equal(md('Escaped \\*star\\* and ``a`b``.'), 'Escaped \\*star\\* and ``a`b``.');
});

test(':setting: is a code span, linked when settingUrl gives a URL, with its custom text', () => {
  assert.equal(md(':setting:`WIDGET_CACHE` and :setting:`FROBNICATOR_TIMEOUT`.'), '[`WIDGET_CACHE`](https://docs.example/settings/#WIDGET_CACHE) and `FROBNICATOR_TIMEOUT`.');
  assert.equal(md('See :setting:`the cache <WIDGET_CACHE>`.'), 'See [`the cache`](https://docs.example/settings/#WIDGET_CACHE).');
  assert.equal(rstToMarkdown(':setting:`WIDGET_CACHE`'), '`WIDGET_CACHE`');
});

test('a settingUrl that is no web address, or that throws, gives a plain code span', () => {
  assert.equal(rstToMarkdown(':setting:`A`', { settingUrl: () => 'javascript:alert(1)' }), '`A`');
  const failing = (): string => {
    throw new Error('no');
  };
  assert.equal(rstToMarkdown(':setting:`A`', { settingUrl: failing }), '`A`');
});

test('Python object roles: code spans, `~` shows the last component, functions get parentheses', () => {
  assert.equal(md(':class:`~gadgets.log.SprocketHandler`'), '`SprocketHandler`');
  assert.equal(md(':class:`gadgets.log.SprocketHandler`'), '`gadgets.log.SprocketHandler`');
  assert.equal(md(':func:`gadgets.spin` :meth:`~Pool.drain` :func:`spin(n)`'), '`gadgets.spin()` `drain()` `spin(n)`');
  assert.equal(md(':attr:`Pool.size` :mod:`gadgets` :data:`gadgets.POOL` :exc:`~gadgets.Jammed` :py:class:`X`'), '`Pool.size` `gadgets` `gadgets.POOL` `Jammed` `X`');
  assert.equal(md(':func:`spin the wheel <gadgets.spin>`'), '`spin the wheel`');
});

test("Django's roles: commands, template tags and filters, lookups are code spans", () => {
  assert.equal(md(':djadmin:`warmcache` :ttag:`gadget` :tfilter:`spin` :lookup:`spins_over`'), '`warmcache` `gadget` `spin` `spins_over`');
});

test(':doc: links absolute paths under docBaseUrl; :ref: shows its text', () => {
  assert.equal(md(':doc:`the guide </topics/widget-cache>`'), '[the guide](https://docs.djangoproject.com/en/5.2/topics/widget-cache/)');
  assert.equal(md(':doc:`/topics/widget-cache`'), '[/topics/widget-cache](https://docs.djangoproject.com/en/5.2/topics/widget-cache/)');
  assert.equal(md(':doc:`relative/page`'), 'relative/page');
  assert.equal(rstToMarkdown(':doc:`the guide </topics/x>`'), 'the guide');
  assert.equal(md(':ref:`cache keys <cache-keys>` and :ref:`cache-keys`'), 'cache keys and cache-keys');
});

test(':rfc: and :pep: link to their documents', () => {
  assert.equal(md(':rfc:`7231`'), '[RFC 7231](https://datatracker.ietf.org/doc/html/rfc7231)');
  assert.equal(md(':rfc:`Semantics <7231#section-4>`'), '[Semantics](https://datatracker.ietf.org/doc/html/rfc7231#section-4)');
  assert.equal(md(':pep:`8`'), '[PEP 8](https://peps.python.org/pep-0008/)');
});

test('unknown roles show their text; a default-role text is emphasis', () => {
  assert.equal(md(':gizmo:`twelve <spokes>` and `Some Title`'), 'twelve and *Some Title*');
});

test('hyperlinks: embedded URLs, named references with targets, bare URLs', () => {
  assert.equal(md('The `gadget protocol <https://gadgets.example.org/protocol_v2>`_.'), 'The [gadget protocol](https://gadgets.example.org/protocol_v2).');
  assert.equal(md('The `Sprocket manual`_ and Manual_.\n\n.. _Sprocket manual: https://gadgets.example.org/manual/\n.. _manual: `Sprocket manual`_'), 'The [Sprocket manual](https://gadgets.example.org/manual/) and [Manual](https://gadgets.example.org/manual/).');
  assert.equal(md('An `unknown target`_ stays text.'), 'An unknown target stays text.');
  assert.equal(md('Visit https://gadgets.example.org/a_b.'), 'Visit [https://gadgets.example.org/a\\_b](https://gadgets.example.org/a_b).');
  assert.equal(md('A `trap <javascript:alert(1)>`_.'), 'A trap.');
});

test('a paragraph ending in `::` introduces a literal block; a lone `::` disappears', () => {
  assert.equal(md('Example::\n\n    X = {\n        "a": 1,\n    }\n\nAfter.'), 'Example:\n\n```\nX = {\n    "a": 1,\n}\n```\n\nAfter.');
  assert.equal(md('Like this ::\n\n    x = 1'), 'Like this\n\n```\nx = 1\n```');
  assert.equal(md('::\n\n    x = 1'), '```\nx = 1\n```');
});

test('code-block, console and highlight directives give fenced code with a language', () => {
  assert.equal(md('.. code-block:: python\n    :caption: dropped\n\n    print("hi")'), '```python\nprint("hi")\n```');
  assert.equal(md('.. console::\n\n    $ gadget spin'), '```console\n$ gadget spin\n```');
  assert.equal(md('.. highlight:: yaml\n\nFile::\n\n    a: 1'), 'File:\n\n```yaml\na: 1\n```');
});

test('code with backtick runs gets a longer fence', () => {
  assert.equal(md('.. code-block:: text\n\n    a ``` b'), '~~~text\na ``` b\n~~~');
});

test('bullet and enumerated lists, nested by indentation', () => {
  assert.equal(md('* one\n* two\n\n  - inner a\n  - inner b\n\n* three'), '- one\n- two\n\n  - inner a\n  - inner b\n- three');
  assert.equal(md('#. first\n#. second\n   continued'), '1. first\n2. second continued');
  assert.equal(md('3. three\n4. four'), '3. three\n4. four');
  assert.equal(md('- item with code::\n\n      x = 1'), '- item with code:\n\n  ```\n  x = 1\n  ```');
});

test('warnings, notes, see-also and titled admonitions are block quotes', () => {
  assert.equal(md('.. warning::\n\n    Sharp *edges*.'), '> **Warning**\n>\n> Sharp *edges*.');
  assert.equal(md('.. note:: Starts on the line\n   and goes on.'), '> **Note**\n>\n> Starts on the line and goes on.');
  assert.equal(md('.. seealso::\n\n    :setting:`WIDGET_CACHE`'), '> **See also**\n>\n> [`WIDGET_CACHE`](https://docs.example/settings/#WIDGET_CACHE)');
  assert.equal(md('.. admonition:: Why *this*\n\n    Because.'), '> **Why *this***\n>\n> Because.');
});

test('version directives render as titled quotes, with or without a body', () => {
  assert.equal(md('.. versionadded:: 5.1'), '> **New in version 5.1**');
  assert.equal(md('.. versionchanged:: 4.2\n\n    Counts more.'), '> **Changed in version 4.2**\n>\n> Counts more.');
  assert.equal(md('.. deprecated:: 5.0 Use another.'), '> **Deprecated since version 5.0**\n>\n> Use another.');
});

test('section titles become bold lines; transitions and comments disappear', () => {
  assert.equal(md('=====\nTitle\n=====\n\nSub\n---\n\nText.\n\n----\n\n.. a comment\n   over two lines\n\nEnd.'), '**Title**\n\n**Sub**\n\nText.\n\nEnd.');
});

test('unknown directives lose their argument and options and keep their body', () => {
  assert.equal(md('.. gizmo:: argument\n    :option: value\n\n    The body.\n\n.. contents::\n    :local:\n\n.. fieldlist::\n\n    :Spins: twice'), 'The body.\n\n**Spins:** twice');
});

test('images, raw HTML and includes are dropped', () => {
  assert.equal(md('.. image:: http://evil/x.png\n\n.. raw:: html\n\n    <script>alert(1)</script>\n\n.. include:: other.txt\n\nText.'), 'Text.');
});

test("the source's own Markdown stays text: images, links, HTML, headings, backtick runs", () => {
  assert.equal(md('Never ```` nor ![x](http://evil/x.png) nor <img src=x> nor [c](javascript:alert(1)).'), 'Never \\`\\`\\`\\` nor \\!\\[x\\]([http://evil/x.png](http://evil/x.png)) nor \\<img src=x\\> nor \\[c\\](javascript:alert(1)).');
  assert.equal(md('# not a heading\n\nA line\n- joined, no list'), '\\# not a heading\n\nA line - joined, no list');
  assert.equal(md('**![x](http://evil/x.png)**'), '**\\!\\[x\\](http://evil/x.png)**');
  assert.equal(md('``x`` ![y](http://evil/y.png)'), '`x` \\!\\[y\\]([http://evil/y.png](http://evil/y.png))');
});

test('unterminated markup stays text', () => {
  assert.equal(md('An ``open literal and *open emphasis and :setting:`OPEN'), 'An \\`\\`open literal and \\*open emphasis and :setting:\\`OPEN');
  assert.equal(md('.. warning::'), '> **Warning**');
  assert.equal(md('Example::'), 'Example:');
  assert.equal(md('* '), '-');
});

test('input over 2 MB gives nothing; empty input gives nothing', () => {
  assert.equal(rstToMarkdown('x'.repeat(2 * 1024 * 1024 + 1)), '');
  assert.equal(rstToMarkdown(''), '');
});
