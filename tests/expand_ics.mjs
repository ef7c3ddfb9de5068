// Expands every event of an .ics file with ical.js, the parser of Thunderbird and Nextcloud:
// node expand_ics.mjs ICAL_JS_MODULE FILE.ics UNTIL(YYYY-MM-DD)
// prints {"UID": {"status": "...", "dates": ["YYYY-MM-DD", ...]}, ...} (tests/test_interop.py)
import fs from "node:fs";
import { pathToFileURL } from "node:url";

const [modulePath, file, until] = process.argv.slice(2);
const ICAL = (await import(pathToFileURL(modulePath).href)).default;
const root = new ICAL.Component(ICAL.parse(fs.readFileSync(file, "utf8")));
const found = {};
for (const component of root.getAllSubcomponents("vevent")) {
  const event = new ICAL.Event(component);
  const dates = [];
  if (event.isRecurring()) {
    const iterator = event.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      const day = next.toString().slice(0, 10);
      if (day > until) break;
      dates.push(day);
    }
  } else {
    dates.push(event.startDate.toString().slice(0, 10));
  }
  found[event.uid] = { status: component.getFirstPropertyValue("status"), dates };
}
console.log(JSON.stringify(found));
