// JenaReason: runs Apache Jena's OWL rule reasoner over each file given (an
// export of kgbuild holds the ontology and the data), and prints, per file,
// every inconsistency Jena's validate() finds and every owl:sameAs it infers
// between two different resources.  Exit 0 when there are none.
//
// Run with Java 11's single-file launcher, on the class path that
// tests/consumers/jena-classpath.sh prints (tests/t/66-reasoner.t):
//   java -cp "$CP" tests/consumers/JenaReason.java exports/kg.ttl ...
import java.util.Iterator;
import org.apache.jena.rdf.model.InfModel;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.rdf.model.StmtIterator;
import org.apache.jena.reasoner.ReasonerRegistry;
import org.apache.jena.reasoner.ValidityReport;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.vocabulary.OWL;

public class JenaReason {
  // Problems found in one file, each printed on the way.
  static int check(String file) {
    Model data = ModelFactory.createDefaultModel();
    RDFDataMgr.read(data, file);
    InfModel inf = ModelFactory.createInfModel(ReasonerRegistry.getOWLReasoner(), data);
    int problems = 0;
    for (Iterator<ValidityReport.Report> it = inf.validate().getReports(); it.hasNext(); ) {
      ValidityReport.Report r = it.next();
      // Warnings (e.g. a class with no instances) are no contradiction.
      if (r.isError()) {
        System.out.println(file + ": inconsistent: " + r.toString().replace('\n', ' '));
        problems++;
      }
    }
    // The OWL reasoner states every individual owl:sameAs itself.
    for (StmtIterator it = inf.listStatements(null, OWL.sameAs, (RDFNode) null); it.hasNext(); ) {
      Statement s = it.next();
      if (!s.getSubject().equals(s.getObject())) {
        System.out.println(file + ": owl:sameAs " + s.getSubject() + " " + s.getObject());
        problems++;
      }
    }
    System.out.println(file + ": " + data.size() + " triples, " + problems + " problems");
    return problems;
  }

  public static void main(String[] args) {
    int problems = 0;
    for (String file : args) problems += check(file);
    System.exit(problems == 0 ? 0 : 1);
  }
}
