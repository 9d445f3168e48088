import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clipMarkdown, codeBlock, codeLink, escapeMarkdownText, inlineCode, markdownLink } from '../../../server/src/common/markdown';

test('plain text: every character that can start structure is backslash-escaped', () => {
  assert.equal(escapeMarkdownText('a\\b *c* _d_ [e] <f> #g !h `i` |j| ~k~ {l} &amp;'), 'a\\\\b \\*c\\* \\_d\\_ \\[e\\] \\<f\\> \\#g \\!h \\`i\\` \\|j\\| \\~k\\~ \\{l\\} \\&amp;');
  assert.equal(escapeMarkdownText('Plain words, dots. Colons: and (parentheses) stay.'), 'Plain words, dots. Colons: and (parentheses) stay.');
});

test('plain text: a heading, an image, a link and raw HTML stay text', () => {
  assert.equal(escapeMarkdownText('# Heading'), '\\# Heading');
  assert.equal(escapeMarkdownText('![x](https://evil.example/x.png)'), '\\!\\[x\\](https://evil.example/x.png)');
  assert.equal(escapeMarkdownText('[click](javascript:alert(1))'), '\\[click\\](javascript:alert(1))');
  assert.equal(escapeMarkdownText('<img src=x onerror=alert(1)>'), '\\<img src=x onerror=alert(1)\\>');
});

test('plain text: list, setext and ordered-list line starts are escaped, also when indented', () => {
  assert.equal(escapeMarkdownText('- a\n+ b\n  - c\n==='), '\\- a\n\\+ b\n  \\- c\n\\===');
  assert.equal(escapeMarkdownText('1. one\n2) two\n  10. ten'), '1\\. one\n2\\) two\n  10\\. ten');
  // Not at a line start: nothing to escape.
  assert.equal(escapeMarkdownText('a - b + c = 1. d'), 'a - b + c = 1. d');
});

test('plain text: line breaks stay soft breaks and paragraphs; CR and CRLF become LF', () => {
  assert.equal(escapeMarkdownText('one\ntwo\n\nthree'), 'one\ntwo\n\nthree');
  assert.equal(escapeMarkdownText('one\r\n# two\r- three'), 'one\n\\# two\n\\- three');
  // A trailing backslash is no hard break: it is escaped itself.
  assert.equal(escapeMarkdownText('end\\\nnext'), 'end\\\\\nnext');
});

test('inline code: the delimiter is longer than the longest backtick run inside', () => {
  assert.equal(inlineCode('NAME'), '`NAME`');
  assert.equal(inlineCode('a`b'), '``a`b``');
  assert.equal(inlineCode('a``b```c'), '````a``b```c````');
});

test('inline code: padded with spaces when the text starts or ends with a backtick or with spaces on both sides', () => {
  assert.equal(inlineCode('`x'), '`` `x ``');
  assert.equal(inlineCode('x`'), '`` x` ``');
  assert.equal(inlineCode(' x '), '`  x  `');
  assert.equal(inlineCode(' '), '` `');
  assert.equal(inlineCode(' x'), '` x`');
});

test('inline code: line breaks become spaces, so a line cannot start a heading inside it', () => {
  assert.equal(inlineCode('a\n# b\r\nc'), '`a # b c`');
});

test('code block: three backticks, or one more than the longest backtick run inside', () => {
  assert.equal(codeBlock('A: 1', 'yaml'), '```yaml\nA: 1\n```');
  assert.equal(codeBlock('x ``y``'), '```\nx ``y``\n```');
});

test('code block: backtick-heavy text gets a tilde fence, longer than its own tilde runs', () => {
  assert.equal(codeBlock('```\n# Heading\n```', 'yaml'), '~~~yaml\n```\n# Heading\n```\n~~~');
  assert.equal(codeBlock('````\n~~~'), '~~~~\n````\n~~~\n~~~~');
  // As many tildes as backticks: backticks, longer than both.
  assert.equal(codeBlock('```\n~~~'), '````\n```\n~~~\n````');
});

test('code block: the info string keeps only word characters, + and -', () => {
  assert.equal(codeBlock('x', 'yaml`{evil}'), '```yamlevil\nx\n```');
});

test('link: the label is escaped, the target cannot end early or hold spaces', () => {
  assert.equal(markdownLink('a/b.py:3', 'file:///srv/a/b.py#L3'), '[a/b.py:3](file:///srv/a/b.py#L3)');
  assert.equal(markdownLink('x](javascript:alert(1))[', 'file:///srv/x.py'), '[x\\](javascript:alert(1))\\[](file:///srv/x.py)');
  assert.equal(markdownLink('a b).py:1', 'file:///srv/a b).py#L1'), '[a b).py:1](file:///srv/a%20b%29.py#L1)');
  assert.equal(markdownLink('q', 'file:///s/<"\'`\\\n(x).py'), '[q](file:///s/%3C%22%27%60%5C%0A%28x%29.py)');
  assert.equal(markdownLink('two\nlines', 'file:///x'), '[two lines](file:///x)');
});

test('code link: the label is a code span, the target encoded as a plain link\'s', () => {
  assert.equal(codeLink('WIDGET_CACHE', 'https://example.org/s#WIDGET_CACHE'), '[`WIDGET_CACHE`](https://example.org/s#WIDGET_CACHE)');
  assert.equal(codeLink('a`]b', 'https://example.org/a b)'), '[``a`]b``](https://example.org/a%20b%29)');
});

test('clipMarkdown: short texts whole; long ones cut at the last paragraph break that fits, never inside a code block', () => {
  assert.deepEqual(clipMarkdown('a\n\nb', 10), { text: 'a\n\nb', clipped: false });
  const para = (c: string): string => c.repeat(40);
  const text = [para('a'), '', para('b'), '', para('c')].join('\n');
  assert.deepEqual(clipMarkdown(text, 90), { text: `${para('a')}\n\n${para('b')}`, clipped: true });
  // The break inside the fence does not count: the cut is before the fence.
  const fenced = [para('a'), '', '```', para('x'), '', para('y'), '```', '', para('c')].join('\n');
  assert.deepEqual(clipMarkdown(fenced, 120), { text: para('a'), clipped: true });
  // No break early enough: the first one; no break at all: whole.
  assert.deepEqual(clipMarkdown([para('a'), para('a'), '', para('b')].join('\n'), 50), { text: `${para('a')}\n${para('a')}`, clipped: true });
  assert.deepEqual(clipMarkdown(para('z').repeat(10), 50), { text: para('z').repeat(10), clipped: false });
});
