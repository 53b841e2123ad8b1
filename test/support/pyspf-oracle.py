"""check_host() by pyspf (Debian python3-spf), the reference Python evaluator, as an oracle.

Reads scenarios as JSON on stdin:

    [{"zonedata": {"name": [{"TXT": ["v=spf1 ..."]}, {"A": "192.0.2.1"},
                            {"MX": [10, "mx.example"]}, {"PTR": "host.example"}, "TIMEOUT"]},
      "queries": [{"ip": "192.0.2.1", "sender": "user@example.com", "helo": "mx.example"}]}]

and prints, per scenario, one [result, explanation] pair per query, as JSON. DNS is answered
from the zonedata with the conventions of src/dns/memory.ts: names are case-insensitive; a name
absent from the data does not exist; a name whose only entry is "TIMEOUT" fails every query.
"""

import json
import socket
import sys

import spf


def lookup_from(zone):
    def dns_lookup(name, qtype, strict=True, timeout=None, level=0):
        key = name.lower().rstrip(".")
        entries = zone.get(key)
        if entries is None:
            return
        if entries == ["TIMEOUT"]:
            raise spf.TempError("DNS timeout")
        for entry in entries:
            ((rtype, value),) = entry.items()
            if rtype != qtype:
                continue
            # The shapes pyspf's own DNS layer (pydns) gives it.
            if rtype == "AAAA":
                value = bytes(socket.inet_pton(socket.AF_INET6, value))
            elif rtype == "TXT":
                value = tuple(s.encode("utf-8") for s in value)
            elif rtype == "MX":
                value = (value[0], value[1])
            yield ((name, rtype), value)

    return dns_lookup


def main():
    scenarios = json.load(sys.stdin)
    out = []
    for scenario in scenarios:
        zone = {k.lower().rstrip("."): v for k, v in scenario["zonedata"].items()}
        spf.DNSLookup = lookup_from(zone)
        answers = []
        for q in scenario["queries"]:
            query = spf.query(q["ip"], q["sender"], q["helo"], strict=True)
            result, _code, explanation = query.check()
            answers.append([result, explanation])
        out.append(answers)
    json.dump(out, sys.stdout)


main()
