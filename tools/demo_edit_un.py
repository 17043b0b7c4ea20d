#!/usr/bin/env python3
"""Make an edited copy of the UN consolidated list for the demo's diff step:
drop the last INDIVIDUAL and add one alias to the first ENTITY. Used only by
tools/demo.sh, which says on screen that the copy is edited."""
import sys
import xml.etree.ElementTree as ET

src, dst = sys.argv[1], sys.argv[2]
tree = ET.parse(src)
root = tree.getroot()
inds = root.find("INDIVIDUALS")
inds.remove(inds.findall("INDIVIDUAL")[-1])
ent = root.find("ENTITIES").find("ENTITY")
alias = ET.SubElement(ent, "ENTITY_ALIAS")
ET.SubElement(alias, "QUALITY").text = "Good"
ET.SubElement(alias, "ALIAS_NAME").text = "DEMO ADDED ALIAS"
tree.write(dst, encoding="UTF-8", xml_declaration=True)
