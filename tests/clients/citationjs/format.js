#!/usr/bin/env node
// Format CSL-JSON items with citeproc-js, the reference CSL processor, as citation-js's CSL plugin runs it.
//
//   node format.js DATA.json STYLE.csl [text|html] [DATA.json ...]
//
// DATA.json holds a JSON array of CSL-JSON items; STYLE.csl is any CSL style file, registered with the plugin as
// a custom template. The output format is text (default) or html. Prints, for each DATA file, a JSON array of
// [id, entry] pairs in the bibliography's order (the style's sort, or the items' order when it has none); with one
// DATA file the output is that array, with several an array of them (the style is built once for all).
//
// The entries are what Cite(data).format('bibliography', {format, template, lang: 'en-US'}) prints, but each is
// paired with the id citeproc-js itself reports for it (makeBibliography's entry_ids, less the items listed in its
// bibliography_errors): the plugin pairs entries with ids by position, which goes wrong when citeproc-js leaves an
// entry out (an item it has nothing to print for).
// On an error it prints the message on stderr and exits 1; on a usage error it exits 2. Used by tests/test_format.py.
'use strict'

const fs = require('fs')
const { Cite, plugins, logger } = require('@citation-js/core')
require('@citation-js/plugin-csl')

function bibliography (items, template, format) {
  if (!items.length) return []
  const data = new Cite(items, { forceType: '@csl/list+object', generateGraph: false }).data
  const engine = plugins.config.get('@csl').engine(data, template, 'en-US', format)
  engine.updateItems(data.map((item) => item.id))
  const [meta, entries] = engine.makeBibliography()
  // entry_ids names every item, bibliography_errors the ones citeproc-js printed nothing for (left out of entries)
  const skipped = new Set((meta.bibliography_errors || []).map((err) => err.index))
  const ids = meta.entry_ids.filter((_, n) => !skipped.has(n)).map((idList) => String(idList[0]))
  if (ids.length !== entries.length) throw new Error(`${ids.length} ids for ${entries.length} entries`)
  return entries.map((entry, n) => [ids[n], entry])
}

function main (argv) {
  if (argv.length < 2) {
    process.stderr.write('usage: node format.js DATA.json STYLE.csl [text|html] [DATA.json ...]\n')
    return 2
  }
  const [first, stylePath, ...rest] = argv
  let format = 'text'
  if (rest.length && (rest[0] === 'text' || rest[0] === 'html')) format = rest.shift()
  const dataFiles = [first, ...rest]
  logger.level = 'error' // citation-js warnings go to stderr, never stdout
  try {
    const template = 'msccite-' + stylePath.replace(/^.*[\\/]/, '').replace(/\.csl$/, '')
    plugins.config.get('@csl').styles.add(template, fs.readFileSync(stylePath, 'utf8'))
    const results = dataFiles.map((file) => bibliography(JSON.parse(fs.readFileSync(file, 'utf8')), template, format))
    process.stdout.write(JSON.stringify(dataFiles.length === 1 ? results[0] : results) + '\n')
    return 0
  } catch (err) {
    process.stderr.write((err && err.message ? err.message : String(err)) + '\n')
    return 1
  }
}

process.exitCode = main(process.argv.slice(2))
