import { isElement, type TeiElement, type TeiNode } from './node.ts';

/**
 * TEI P4 read as P5, on reading (TEI P4's XML form: root `TEI.2`, no namespace): the root becomes
 * `TEI` in the TEI namespace; a name written in lower case, as P4 documents converted from SGML
 * often write them (`teiheader`, `filedesc`, `persname`), takes its P5 spelling; P4's own names
 * take their P5 successors (`xref` → `ref`, `xptr` → `ptr`); `id` and `lang` become `xml:id` and
 * `xml:lang`, and a pointer's IDREFs (`target="d1"`) URIs (`#d1`). What else P4 has (`div0`…`div7`, `anchored`, `TEIform`) P5 still reads, or the model
 * reads as it is. The reader says it converted the file, once (`tei-p4-converted`, info).
 */
const TEI_NS = 'http://www.tei-c.org/ns/1.0';

/** The P5 element names with a capital letter (from tei_all.rng, TEI P5 4.7.0), by their lower-case form. */
const P5_NAMES: ReadonlyMap<string, string> = new Map(
  `
accMat addName addSpan addrLine adminInfo altGrp altIdent altIdentifier annotationBlock
anyElement appInfo attDef attList attRef biblFull biblScope biblStruct binaryObject bindingDesc
cRefPattern calendarDesc castGroup castItem castList catDesc catRef charDecl citeData
citeStructure citedRange classCode classDecl classRef classSpec constraintSpec correspAction
correspContext correspDesc custEvent custodialHist damageSpan dataFacet dataRef dataSpec
decoDesc decoNote defaultVal delSpan dictScrap divGen docAuthor docDate docEdition docImprint
docTitle eLeaf eTree editionStmt editorialDecl egXML elementRef elementSpec encodingDesc
entryFree eventName fDecl fDescr fLib figDesc fileDesc finalRubric floatingText fsConstraints
fsDecl fsDescr fsdDecl fsdLink fvLib genName geoDecl geogFeat geogName gramGrp handDesc handNote
handNotes handShift headItem headLabel iNode iType interpGrp joinGrp lacunaEnd lacunaStart
langKnowledge langKnown langUsage layoutDesc linkGrp listAnnotation listApp listBibl listChange
listEvent listForest listNym listObject listOrg listPerson listPlace listPrefixDef listRef
listRelation listTranspose listWit localProp locusGrp macroRef macroSpec measureGrp memberOf
metDecl metSym modelGrp modelSequence moduleRef moduleSpec msContents msDesc msFrag msIdentifier
msItem msItemStruct msName msPart musicNotation nameLink notatedMusic noteGrp notesStmt oRef
objectDesc objectIdentifier objectName objectType orgName origDate origPlace outputRendition
pRef paramList paramSpec particDesc persName persPronouns personGrp physDesc placeName postBox
postCode prefixDef profileDesc projectDesc pubPlace publicationStmt rdgGrp recordHist
recordingStmt refState refsDecl relatedItem respStmt revisionDesc roleDesc roleName samplingDecl
schemaRef schemaSpec scriptDesc scriptNote scriptStmt sealDesc secFol seriesStmt settingDesc
soCalled socecStatus sourceDesc sourceDoc spGrp spanGrp specDesc specGrp specGrpRef specList
standOff stdVals styleDefDecl substJoin superEntry supportDesc surfaceGrp tagUsage tagsDecl
teiCorpus teiHeader textClass textDesc textLang textNode titlePage titlePart titleStmt
transcriptionDesc typeDesc typeNote unicodeProp unihanProp unitDecl unitDef vAlt vColl vDefault
vLabel vMerge vNot vRange valDesc valItem valList variantEncoding witDetail witEnd witStart
xenoData
`
    .trim()
    .split(/\s+/)
    .map((n) => [n.toLowerCase(), n]),
);

/** P4 elements P5 renamed. */
const RENAMED: ReadonlyMap<string, string> = new Map([
  ['xref', 'ref'],
  ['xptr', 'ptr'],
]);

/** P4 attributes P5 renamed (on every element). */
const ATTRIBUTES: ReadonlyMap<string, string> = new Map([
  ['id', 'xml:id'],
  ['lang', 'xml:lang'],
]);

/** Whether a root is a TEI P4 document (`TEI.2`, in whatever case). */
export const isP4 = (root: TeiElement): boolean => root.name.toLowerCase() === 'tei.2';

function convert(e: TeiElement): void {
  const lower = e.name.toLowerCase();
  e.name = RENAMED.get(lower) ?? P5_NAMES.get(lower) ?? e.name;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(e.attrs)) {
    const name = ATTRIBUTES.get(k) ?? k;
    // P4's pointers are IDREFs (`target="d1"`); P5's are URIs (`target="#d1"`)
    const value =
      k === 'target' || k === 'corresp' ? v.replace(/(^|\s)([A-Za-z_][-\w.]*)(?=\s|$)/g, '$1#$2') : v;
    if (name === k || !(name in e.attrs)) attrs[name] = value;
  }
  e.attrs = attrs;
  for (const c of e.children as TeiNode[]) if (isElement(c)) convert(c);
}

/** Converts a TEI P4 tree to P5 in place (see above). */
export function p4ToP5(root: TeiElement): void {
  convert(root);
  root.name = 'TEI';
  const { xmlns: _xmlns, ...attrs } = root.attrs;
  root.attrs = { xmlns: TEI_NS, ...attrs };
}
