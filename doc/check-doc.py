#!/usr/bin/env python3
"""doc/check-doc.py: completes `make doc`'s documentation check.

Doxygen (doc/Doxyfile) already fails on an undocumented function, parameter,
return value, enum, typedef or macro of s2n.h, but not on an undocumented
enum value.  This reads Doxygen's XML output and fails, naming each one, when
an enumerator has neither a brief nor a detailed description.

Usage: check-doc.py XML_DIR
"""
import os
import sys
import xml.etree.ElementTree as ET


def described(elem):
    """True when the element has a non-empty brief or detailed description."""
    for tag in ("briefdescription", "detaileddescription"):
        node = elem.find(tag)
        if node is not None and "".join(node.itertext()).strip():
            return True
    return False


def main(argv):
    if len(argv) != 2:
        print("usage: check-doc.py XML_DIR", file=sys.stderr)
        return 2
    xml_dir = argv[1]
    missing = []
    enums = values = 0
    for name in sorted(os.listdir(xml_dir)):
        if not name.endswith(".xml") or name == "index.xml":
            continue
        root = ET.parse(os.path.join(xml_dir, name)).getroot()
        for member in root.iter("memberdef"):
            if member.get("kind") != "enum":
                continue
            enums += 1
            enum_name = member.findtext("name", "?")
            location = member.find("location")
            where = "%s:%s" % (location.get("file", "?"), location.get("line", "?")) if location is not None else "?"
            for value in member.findall("enumvalue"):
                values += 1
                if not described(value):
                    missing.append("%s: enum value %s of %s is not documented"
                                   % (where, value.findtext("name", "?"), enum_name))
    if enums == 0:
        print("check-doc.py: no enum found in %s (did Doxygen run?)" % xml_dir, file=sys.stderr)
        return 1
    for line in missing:
        print(line, file=sys.stderr)
    if missing:
        print("check-doc.py: %d of %d enum values undocumented" % (len(missing), values), file=sys.stderr)
        return 1
    print("check-doc.py: all %d values of %d enums documented" % (values, enums))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
