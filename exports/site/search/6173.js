kgSearch.add("6173",[
["sectors Wang Lei names as part of China's critical infrastructure","wang-lei-critical-infrastructure-sectors","concept scheme"],
["More importantly, we need to take a broader and longer-term perspective and ask ourselves: What kind of cyber relationship should the U.S. and China establish? By what rules should we interact? Together, we should explore the right way to coexist in cyberspace.","wang-what-kind-of-cyber-relationship","claim"],
["The key issue here is that the U.S. should pay attention to China’s concerns and not assume that being loud equates to being right. Unilaterally imposing rules on other nations under the guise of \"operating from a position of strength\" is not a viable approach.","wang-loud-is-not-right","claim"]]);
