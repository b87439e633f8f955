#!/usr/bin/env node
// Parse one file with citation-js, a real importer, and print its CSL-JSON items.
//
//   node parse.js FILE FORMAT      FORMAT: ris | bibtex | csl-json
//
// Prints a JSON array of CSL-JSON items on stdout (one process handles a whole
// file, however many records it holds). On a parse error it prints the message
// on stderr and exits 1; on a usage error it exits 2. Used by tests/citationjs.py.
'use strict'

const fs = require('fs')
const { Cite, logger } = require('@citation-js/core')
require('@citation-js/plugin-ris')
require('@citation-js/plugin-bibtex')
require('@citation-js/plugin-csl')

// Input types as the plugins register them (plugin-ris: lib/index.js,
// plugin-bibtex: lib/input/index.js, core: lib/plugins/input/data.js).
// '@biblatex/text' is what citation-js itself detects for BibTeX text.
const FORCE_TYPE = {
  ris: '@ris/file',
  bibtex: '@biblatex/text',
  'csl-json': '@csl/list+object'
}

function main (argv) {
  if (argv.length !== 2 || !(argv[1] in FORCE_TYPE)) {
    process.stderr.write('usage: node parse.js FILE (' + Object.keys(FORCE_TYPE).join('|') + ')\n')
    return 2
  }
  const [file, fmt] = argv
  logger.level = 'warn' // citation-js warnings go to stderr, never stdout
  try {
    const text = fs.readFileSync(file, 'utf8')
    const input = fmt === 'csl-json' ? JSON.parse(text) : text
    const cite = new Cite(input, { forceType: FORCE_TYPE[fmt], generateGraph: false, strict: true })
    process.stdout.write(JSON.stringify(cite.data) + '\n')
    return 0
  } catch (err) {
    process.stderr.write((err && err.message ? err.message : String(err)) + '\n')
    return 1
  }
}

process.exitCode = main(process.argv.slice(2))
