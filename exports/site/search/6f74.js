kgSearch.add("6f74",[
["The U.S. must meet the same standards it demands of others.","china-us-must-meet-own-standards","claim"],
["China's Top Cyber Diplomat Pushes Back Against U.S. Cyberattack Accusations: Meet Your Own Standards Before Demanding from Others","china-top-cyber-diplomat-article","article"],
["Moreover, we have emphasized to the U.S. that it must meet the same standards it demands of others. Simply put, please meet your own standards before demanding from others.","wang-meet-your-own-standards","claim"],
["The key issue here is that the U.S. should pay attention to China’s concerns and not assume that being loud equates to being right. Unilaterally imposing rules on other nations under the guise of \"operating from a position of strength\" is not a viable approach.","wang-loud-is-not-right","claim"],
["Two major nations like the U.S. and China cannot afford to ignore or disengage from each other, let alone engage in conflict or confrontation. Instead, they should strive for mutual respect, peaceful coexistence, and win-win cooperation, progressing along a stable, healthy, and sustainable path.","xi-major-nations-cannot-ignore-each-other","claim"]]);
