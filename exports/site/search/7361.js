kgSearch.add("7361",[
["The U.S. must meet the same standards it demands of others.","china-us-must-meet-own-standards","claim"],
["Safeguarding peace and stability in cyberspace not only serves the mutual interests of both sides but should also be their shared objective.","wang-peace-stability-shared-objective","claim"],
["Moreover, we have emphasized to the U.S. that it must meet the same standards it demands of others. Simply put, please meet your own standards before demanding from others.","wang-meet-your-own-standards","claim"],
["At the same time, we have also explicitly raised our concerns with the U.S.: China has discovered that the U.S. has conducted long-term, systematic, and large-scale cyberattacks against China. These include cyber-espionage activities and attacks that threaten the cybersecurity of China's critical infrastructure, including telecommunications, finance, and transportation sectors.","wang-us-cyberattacks-against-china","claim"]]);
