kgSearch.add("6d75",[
["The U.S. must meet the same standards it demands of others.","china-us-must-meet-own-standards","claim"],
["Safeguarding peace and stability in cyberspace not only serves the mutual interests of both sides but should also be their shared objective.","wang-peace-stability-shared-objective","claim"],
["We are willing to engage in dialogue with the U.S. to jointly construct a peaceful, stable, and mutually respectful U.S.-China cyber relationship.","wang-willing-to-engage-in-dialogue","claim"],
["Moreover, we have emphasized to the U.S. that it must meet the same standards it demands of others. Simply put, please meet your own standards before demanding from others.","wang-meet-your-own-standards","claim"],
["While the two sides have differences in the cyber domain, these can and should be discussed openly and based on facts and evidence, underpinned by mutual respect and common rules.","wang-differences-discussed-openly","claim"],
["Two major nations like the U.S. and China cannot afford to ignore or disengage from each other, let alone engage in conflict or confrontation. Instead, they should strive for mutual respect, peaceful coexistence, and win-win cooperation, progressing along a stable, healthy, and sustainable path.","xi-major-nations-cannot-ignore-each-other","claim"]]);
