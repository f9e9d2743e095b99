import { codeBlocks } from './docPages';

/**
 * The kubectl, vela and mosquitto_pub commands of a page: lines of its shell code blocks
 * (continuations, pipes across lines and here-documents joined) and inline code spans.
 */
export function pageCommands(text: string): string[] {
  const out: string[] = [];
  for (const block of codeBlocks(text).filter(b =>
    ['', 'sh', 'bash'].includes(b.lang),
  )) {
    const lines = block.body
      .replace(/\\\n\s*/g, ' ')
      .replace(/\|\s*\n\s*/g, '| ')
      .split('\n');
    for (let i = 0; i < lines.length; i++) {
      let line = lines[i].trim();
      // A here-document belongs to its command: its body, up to the delimiter, is joined to it.
      const heredoc = /<<-?\s*'?"?(\w+)'?"?/.exec(line);
      if (heredoc)
        while (++i < lines.length) {
          line += `\n${lines[i]}`;
          if (lines[i].trim() === heredoc[1]) break;
        }
      if (line) out.push(line);
    }
  }
  const prose = text
    .replace(/^\s*```[\s\S]*?^\s*```/gm, '')
    .replace(/\n/g, ' ');
  for (const m of prose.matchAll(/`((?:kubectl|vela) [^`]+)`/g))
    out.push(m[1].trim());
  return out.filter(l => /^(\S+=\$\()?(kubectl|vela|mosquitto_pub)\s/.test(l));
}

/** Whether an MQTT topic filter (`+` one level, `#` the rest) matches a topic. */
export function mqttMatch(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}
