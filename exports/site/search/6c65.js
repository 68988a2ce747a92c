kgSearch.add("6c65",[
["Wang Lei","wang-lei","person"],
["Wang Lei interview with Yuyuantan Tian","wang-lei-yuyuantan-tian-interview","interview"],
["sectors Wang Lei names as part of China's critical infrastructure","wang-lei-critical-infrastructure-sectors","concept scheme"],
["Cybersecurity has become a contentious issue in U.S.-China relations. How does China believe the two sides should address these differences, and how does China envision the future of U.S.-China cyber relations?","wang-lei-interview-question-2","question"],
["U.S. National Security Advisor Jake Sullivan has stated that the U.S. has sent a clear message to China about the potential consequences of destructive cyberattacks on U.S. critical infrastructure. What is China's response to this?","wang-lei-interview-question-1","question"],
["Two major nations like the U.S. and China cannot afford to ignore or disengage from each other, let alone engage in conflict or confrontation. Instead, they should strive for mutual respect, peaceful coexistence, and win-win cooperation, progressing along a stable, healthy, and sustainable path.","xi-major-nations-cannot-ignore-each-other","claim"]]);
