kgSearch.add("7374",[
["United States","united-states","country"],
["U.S. State Department","us-state-department","ministry"],
["Coordinator for Cyber Affairs","state-department-cyber-affairs-coordinator","post"],
["The U.S. must meet the same standards it demands of others.","china-us-must-meet-own-standards","claim"],
["China's Top Cyber Diplomat Pushes Back Against U.S. Cyberattack Accusations: Meet Your Own Standards Before Demanding from Others","china-top-cyber-diplomat-article","article"],
["Wang criticized the U.S. for ignoring China's concerns while making numerous demands of China without meeting those standards itself.","wang-criticizes-us-demands","claim"],
["Safeguarding peace and stability in cyberspace not only serves the mutual interests of both sides but should also be their shared objective.","wang-peace-stability-shared-objective","claim"],
["We are willing to engage in dialogue with the U.S. to jointly construct a peaceful, stable, and mutually respectful U.S.-China cyber relationship.","wang-willing-to-engage-in-dialogue","claim"],
["Moreover, we have emphasized to the U.S. that it must meet the same standards it demands of others. Simply put, please meet your own standards before demanding from others.","wang-meet-your-own-standards","claim"],
["U.S. National Security Advisor Jake Sullivan has stated that the U.S. has sent a clear message to China about the potential consequences of destructive cyberattacks on U.S. critical infrastructure. What is China's response to this?","wang-lei-interview-question-1","question"],
["The key issue here is that the U.S. should pay attention to China’s concerns and not assume that being loud equates to being right. Unilaterally imposing rules on other nations under the guise of \"operating from a position of strength\" is not a viable approach.","wang-loud-is-not-right","claim"],
["Two major nations like the U.S. and China cannot afford to ignore or disengage from each other, let alone engage in conflict or confrontation. Instead, they should strive for mutual respect, peaceful coexistence, and win-win cooperation, progressing along a stable, healthy, and sustainable path.","xi-major-nations-cannot-ignore-each-other","claim"]]);
