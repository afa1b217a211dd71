/**
 * English short forms of given names that the documents use for their persons (`Bob Komer`,
 * `Nick Katzenbach`, `Alex Johnson` for U. Alexis Johnson): a short form before a surname is a
 * given name of the person whose formal given name it shortens, and of no one else. Only forms
 * that shorten one formal name are listed (`Ted` is both Edward and Theodore: both are given).
 */
const FORMAL_TO_SHORT: Record<string, string[]> = {
  alexander: ['alex', 'al', 'sandy'],
  alexis: ['alex'],
  albert: ['al', 'bert'],
  alfred: ['al', 'alf', 'fred'],
  andrew: ['andy', 'drew'],
  anthony: ['tony'],
  arthur: ['art'],
  benjamin: ['ben'],
  charles: ['charlie', 'chuck', 'chip'],
  christian: ['chris'],
  christopher: ['chris'],
  daniel: ['dan', 'danny'],
  david: ['dave'],
  donald: ['don'],
  douglas: ['doug'],
  edward: ['ed', 'eddie', 'ted', 'ned'],
  edwin: ['ed'],
  eugene: ['gene'],
  frederick: ['fred', 'freddie'],
  francis: ['frank'],
  gerald: ['jerry'],
  gerard: ['gerry'],
  gordon: ['gordie'],
  harold: ['hal', 'harry'],
  henry: ['hank', 'harry'],
  herbert: ['herb', 'bert'],
  jacob: ['jake'],
  james: ['jim', 'jimmy', 'jamie'],
  john: ['jack', 'johnny'],
  joseph: ['joe'],
  kenneth: ['ken'],
  lawrence: ['larry'],
  leonard: ['len', 'lenny'],
  matthew: ['matt'],
  michael: ['mike'],
  nicholas: ['nick'],
  patrick: ['pat'],
  peter: ['pete'],
  philip: ['phil'],
  raymond: ['ray'],
  richard: ['dick', 'rick'],
  robert: ['bob', 'bobby', 'rob'],
  ronald: ['ron'],
  samuel: ['sam'],
  stephen: ['steve'],
  steven: ['steve'],
  theodore: ['ted', 'teddy'],
  thomas: ['tom', 'tommy'],
  timothy: ['tim'],
  walter: ['walt'],
  william: ['bill', 'billy'], // not `will`: a sentence may begin `Will Rusk …`
};

/** The short forms of a folded formal given name (`robert` → `bob`, `bobby`, `rob`). */
export function shortFormsOf(given: string): readonly string[] {
  return FORMAL_TO_SHORT[given] ?? [];
}

/** Every short form the table knows: before a surname, a given name of someone. */
export const SHORT_FORMS: ReadonlySet<string> = new Set(Object.values(FORMAL_TO_SHORT).flat());
