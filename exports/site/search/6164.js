kgSearch.add("6164",[
["Biden administration","biden-administration","administration"],
["National Security Advisor","us-national-security-advisor","post"],
["We firmly believe that, regardless of changes in the U.S. administration, this approach remains the best long-term solution to addressing our shared concerns.","wang-best-long-term-solution","claim"],
["We have made it clear to the Biden administration that China rejects the U.S.’s baseless accusations against China regarding specific incidents without evidence.","wang-china-rejects-us-accusations","claim"],
["Cybersecurity has become a contentious issue in U.S.-China relations. How does China believe the two sides should address these differences, and how does China envision the future of U.S.-China cyber relations?","wang-lei-interview-question-2","question"],
["U.S. National Security Advisor Jake Sullivan has stated that the U.S. has sent a clear message to China about the potential consequences of destructive cyberattacks on U.S. critical infrastructure. What is China's response to this?","wang-lei-interview-question-1","question"]]);
