kgSearch.add("7061",[
["Christopher Painter","christopher-painter","person"],
["sectors Wang Lei names as part of China's critical infrastructure","wang-lei-critical-infrastructure-sectors","concept scheme"],
["The U.S. and China are the two most influential nations in the global cyber sphere and are also the two most deeply reliant on it. Both countries share similar concerns regarding their own cybersecurity, particularly the security of critical infrastructure.","wang-most-influential-cyber-nations","claim"],
["The key issue here is that the U.S. should pay attention to China’s concerns and not assume that being loud equates to being right. Unilaterally imposing rules on other nations under the guise of \"operating from a position of strength\" is not a viable approach.","wang-loud-is-not-right","claim"],
["Two major nations like the U.S. and China cannot afford to ignore or disengage from each other, let alone engage in conflict or confrontation. Instead, they should strive for mutual respect, peaceful coexistence, and win-win cooperation, progressing along a stable, healthy, and sustainable path.","xi-major-nations-cannot-ignore-each-other","claim"]]);
