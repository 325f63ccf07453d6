package validator

import (
	"strings"
	"sync"
)

// Type: variant and their associated primary language prefixes from the
// IANA Language Subtag Registry:
// https://www.iana.org/assignments/language-subtag-registry/language-subtag-registry
var iana_subtag_registry_variants = sync.OnceValue(func() map[string][]string { return subtagPrefixes(iana_subtag_registry_variants_list) })

// iana_subtag_registry_variants_list is the table, a line for each subtag:
// the subtag, then its prefixes, separated by spaces; one string in the
// binary, the map made from it at first use.
const iana_subtag_registry_variants_list = "" +
	"1606nict frm\n" +
	"1694acad fr\n" +
	"1901 de\n" +
	"1959acad be\n" +
	"1994 sl-rozaj sl-rozaj-biske sl-rozaj-njiva sl-rozaj-osojs sl-rozaj-solba\n" +
	"1996 de\n" +
	"abl1943 pt-BR\n" +
	"akhmimic cop\n" +
	"akuapem tw\n" +
	"alalc97\n" +
	"aluku djk\n" +
	"anpezo lld\n" +
	"ao1990 pt gl\n" +
	"aranes oc\n" +
	"arevela hy\n" +
	"arevmda hy\n" +
	"arkaika eo\n" +
	"asante tw\n" +
	"auvern oc\n" +
	"baku1926 az ba crh kk krc ky sah tk tt uz\n" +
	"balanka blo\n" +
	"barla kea\n" +
	"basiceng en\n" +
	"bauddha sa\n" +
	"bciav zbl\n" +
	"bcizbl zbl\n" +
	"biscayan eu\n" +
	"biske sl-rozaj\n" +
	"blasl ase sgn-ase\n" +
	"bohairic cop\n" +
	"bohoric sl\n" +
	"boont en\n" +
	"bornholm da\n" +
	"cisaup oc\n" +
	"colb1945 pt\n" +
	"cornu en\n" +
	"creiss oc\n" +
	"dajnko sl\n" +
	"ekavsk sr sr-Latn sr-Cyrl\n" +
	"emodeng en\n" +
	"fascia lld\n" +
	"fayyumic cop\n" +
	"fodom lld\n" +
	"fonipa\n" +
	"fonkirsh\n" +
	"fonnapa\n" +
	"fonupa\n" +
	"fonxsamp\n" +
	"gallo fr\n" +
	"gascon oc\n" +
	"gherd lld\n" +
	"grclass oc oc-aranes oc-auvern oc-cisaup oc-creiss oc-gascon oc-lemosin oc-lengadoc oc-nicard oc-provenc oc-vivaraup\n" +
	"grital oc oc-cisaup oc-nicard oc-provenc\n" +
	"grmistr oc oc-aranes oc-auvern oc-cisaup oc-creiss oc-gascon oc-lemosin oc-lengadoc oc-nicard oc-provenc oc-vivaraup\n" +
	"hanoi vi\n" +
	"hepburn ja-Latn\n" +
	"heploc ja-Latn-hepburn\n" +
	"hognorsk nn\n" +
	"hsistemo eo\n" +
	"huett vi\n" +
	"ijekavsk sr sr-Latn sr-Cyrl\n" +
	"itihasa sa\n" +
	"ivanchov bg\n" +
	"jauer rm\n" +
	"jyutping yue\n" +
	"kkcor kw\n" +
	"kleinsch kl kl-tunumiit\n" +
	"kociewie pl\n" +
	"kscor kw\n" +
	"laukika sa\n" +
	"leidentr egy\n" +
	"lemosin oc\n" +
	"lengadoc oc\n" +
	"lipaw sl-rozaj\n" +
	"ltg1929 ltg\n" +
	"ltg2007 ltg\n" +
	"luna1918 ru\n" +
	"lycopol cop\n" +
	"mdcegyp egy\n" +
	"mdctrans egy\n" +
	"mesokem cop\n" +
	"metelko sl\n" +
	"monoton el\n" +
	"ndyuka djk\n" +
	"nedis sl\n" +
	"newfound en-CA\n" +
	"nicard oc\n" +
	"njiva sl-rozaj\n" +
	"nulik vo\n" +
	"osojs sl-rozaj\n" +
	"oxendict en\n" +
	"pahawh2 mww hnj\n" +
	"pahawh3 mww hnj\n" +
	"pahawh4 mww hnj\n" +
	"pamaka djk\n" +
	"peano la\n" +
	"pehoeji nan-Latn\n" +
	"petr1708 ru\n" +
	"pinyin zh-Latn bo-Latn\n" +
	"polyton el\n" +
	"provenc oc\n" +
	"puter rm\n" +
	"rigik vo\n" +
	"rozaj sl\n" +
	"rumgr rm\n" +
	"sahidic cop\n" +
	"saigon vi\n" +
	"scotland en\n" +
	"scouse en\n" +
	"simple\n" +
	"solba sl-rozaj\n" +
	"sotav kea\n" +
	"spanglis en es\n" +
	"surmiran rm\n" +
	"sursilv rm\n" +
	"sutsilv rm\n" +
	"synnejyl da\n" +
	"tailo nan-Latn\n" +
	"tarask be\n" +
	"tongyong zh-Latn\n" +
	"tunumiit kl\n" +
	"uccor kw\n" +
	"ucrcor kw\n" +
	"ulster sco\n" +
	"unifon en hup kyh tol yur\n" +
	"vaidika sa\n" +
	"valbadia lld\n" +
	"valencia ca\n" +
	"vallader rm\n" +
	"vecdruka lv\n" +
	"viennese de\n" +
	"vivaraup oc\n" +
	"wadegile zh-Latn\n" +
	"xsistemo eo\n"

// Type: extlang and their associated primary language prefixes from the
// IANA Language Subtag Registry:
// https://www.iana.org/assignments/language-subtag-registry/language-subtag-registry
var iana_subtag_registry_extlangs = sync.OnceValue(func() map[string][]string { return subtagPrefixes(iana_subtag_registry_extlangs_list) })

// iana_subtag_registry_extlangs_list is the table, a line for each subtag:
// the subtag, then its prefixes, separated by spaces; one string in the
// binary, the map made from it at first use.
const iana_subtag_registry_extlangs_list = "" +
	"aao ar\n" +
	"abh ar\n" +
	"abv ar\n" +
	"acm ar\n" +
	"acq ar\n" +
	"acw ar\n" +
	"acx ar\n" +
	"acy ar\n" +
	"adf ar\n" +
	"ads sgn\n" +
	"aeb ar\n" +
	"aec ar\n" +
	"aed sgn\n" +
	"aen sgn\n" +
	"afb ar\n" +
	"afg sgn\n" +
	"ajp ar\n" +
	"ajs sgn\n" +
	"apc ar\n" +
	"apd ar\n" +
	"arb ar\n" +
	"arq ar\n" +
	"ars ar\n" +
	"ary ar\n" +
	"arz ar\n" +
	"ase sgn\n" +
	"asf sgn\n" +
	"asp sgn\n" +
	"asq sgn\n" +
	"asw sgn\n" +
	"auz ar\n" +
	"avl ar\n" +
	"ayh ar\n" +
	"ayl ar\n" +
	"ayn ar\n" +
	"ayp ar\n" +
	"bbz ar\n" +
	"bfi sgn\n" +
	"bfk sgn\n" +
	"bjn ms\n" +
	"bog sgn\n" +
	"bqn sgn\n" +
	"bqy sgn\n" +
	"btj ms\n" +
	"bve ms\n" +
	"bvl sgn\n" +
	"bvu ms\n" +
	"bzs sgn\n" +
	"cdo zh\n" +
	"cds sgn\n" +
	"cjy zh\n" +
	"cmn zh\n" +
	"cnp zh\n" +
	"coa ms\n" +
	"cpx zh\n" +
	"csc sgn\n" +
	"csd sgn\n" +
	"cse sgn\n" +
	"csf sgn\n" +
	"csg sgn\n" +
	"csl sgn\n" +
	"csn sgn\n" +
	"csp zh\n" +
	"csq sgn\n" +
	"csr sgn\n" +
	"csx sgn\n" +
	"czh zh\n" +
	"czo zh\n" +
	"doq sgn\n" +
	"dse sgn\n" +
	"dsl sgn\n" +
	"dsz sgn\n" +
	"dup ms\n" +
	"ecs sgn\n" +
	"ehs sgn\n" +
	"esl sgn\n" +
	"esn sgn\n" +
	"eso sgn\n" +
	"eth sgn\n" +
	"fcs sgn\n" +
	"fse sgn\n" +
	"fsl sgn\n" +
	"fss sgn\n" +
	"gan zh\n" +
	"gds sgn\n" +
	"gom kok\n" +
	"gse sgn\n" +
	"gsg sgn\n" +
	"gsm sgn\n" +
	"gss sgn\n" +
	"gus sgn\n" +
	"hab sgn\n" +
	"haf sgn\n" +
	"hak zh\n" +
	"hds sgn\n" +
	"hji ms\n" +
	"hks sgn\n" +
	"hnm zh\n" +
	"hos sgn\n" +
	"hps sgn\n" +
	"hsh sgn\n" +
	"hsl sgn\n" +
	"hsn zh\n" +
	"icl sgn\n" +
	"iks sgn\n" +
	"ils sgn\n" +
	"inl sgn\n" +
	"ins sgn\n" +
	"ise sgn\n" +
	"isg sgn\n" +
	"isr sgn\n" +
	"jak ms\n" +
	"jax ms\n" +
	"jcs sgn\n" +
	"jhs sgn\n" +
	"jks sgn\n" +
	"jls sgn\n" +
	"jos sgn\n" +
	"jsl sgn\n" +
	"jus sgn\n" +
	"kgi sgn\n" +
	"knn kok\n" +
	"kvb ms\n" +
	"kvk sgn\n" +
	"kvr ms\n" +
	"kxd ms\n" +
	"lbs sgn\n" +
	"lce ms\n" +
	"lcf ms\n" +
	"lgs sgn\n" +
	"liw ms\n" +
	"lls sgn\n" +
	"lsb sgn\n" +
	"lsc sgn\n" +
	"lsg sgn\n" +
	"lsl sgn\n" +
	"lsn sgn\n" +
	"lso sgn\n" +
	"lsp sgn\n" +
	"lst sgn\n" +
	"lsv sgn\n" +
	"lsw sgn\n" +
	"lsy sgn\n" +
	"ltg lv\n" +
	"luh zh\n" +
	"lvs lv\n" +
	"lws sgn\n" +
	"lzh zh\n" +
	"max ms\n" +
	"mdl sgn\n" +
	"meo ms\n" +
	"mfa ms\n" +
	"mfb ms\n" +
	"mfs sgn\n" +
	"min ms\n" +
	"mnp zh\n" +
	"mqg ms\n" +
	"mre sgn\n" +
	"msd sgn\n" +
	"msi ms\n" +
	"msr sgn\n" +
	"mui ms\n" +
	"mzc sgn\n" +
	"mzg sgn\n" +
	"mzy sgn\n" +
	"nan zh\n" +
	"nbs sgn\n" +
	"ncs sgn\n" +
	"nsi sgn\n" +
	"nsl sgn\n" +
	"nsp sgn\n" +
	"nsr sgn\n" +
	"nzs sgn\n" +
	"okl sgn\n" +
	"orn ms\n" +
	"ors ms\n" +
	"pel ms\n" +
	"pga ar\n" +
	"pgz sgn\n" +
	"pks sgn\n" +
	"prl sgn\n" +
	"prz sgn\n" +
	"psc sgn\n" +
	"psd sgn\n" +
	"pse ms\n" +
	"psg sgn\n" +
	"psl sgn\n" +
	"pso sgn\n" +
	"psp sgn\n" +
	"psr sgn\n" +
	"pys sgn\n" +
	"rib sgn\n" +
	"rms sgn\n" +
	"rnb sgn\n" +
	"rsi sgn\n" +
	"rsl sgn\n" +
	"rsm sgn\n" +
	"rsn sgn\n" +
	"sdl sgn\n" +
	"sfb sgn\n" +
	"sfs sgn\n" +
	"sgg sgn\n" +
	"sgx sgn\n" +
	"shu ar\n" +
	"sjc zh\n" +
	"slf sgn\n" +
	"sls sgn\n" +
	"sqk sgn\n" +
	"sqs sgn\n" +
	"sqx sgn\n" +
	"ssh ar\n" +
	"ssp sgn\n" +
	"ssr sgn\n" +
	"svk sgn\n" +
	"swc sw\n" +
	"swh sw\n" +
	"swl sgn\n" +
	"syy sgn\n" +
	"szs sgn\n" +
	"tmw ms\n" +
	"tse sgn\n" +
	"tsm sgn\n" +
	"tsq sgn\n" +
	"tss sgn\n" +
	"tsy sgn\n" +
	"tza sgn\n" +
	"ugn sgn\n" +
	"ugy sgn\n" +
	"ukl sgn\n" +
	"uks sgn\n" +
	"urk ms\n" +
	"uzn uz\n" +
	"uzs uz\n" +
	"vgt sgn\n" +
	"vkk ms\n" +
	"vkt ms\n" +
	"vsi sgn\n" +
	"vsl sgn\n" +
	"vsv sgn\n" +
	"wbs sgn\n" +
	"wuu zh\n" +
	"xki sgn\n" +
	"xml sgn\n" +
	"xmm ms\n" +
	"xms sgn\n" +
	"yds sgn\n" +
	"ygs sgn\n" +
	"yhs sgn\n" +
	"ysl sgn\n" +
	"ysm sgn\n" +
	"yue zh\n" +
	"zib sgn\n" +
	"zlm ms\n" +
	"zmi ms\n" +
	"zsl sgn\n" +
	"zsm ms\n"

// subtagPrefixes is the map of a subtag list: the first word of each line
// to the others.
func subtagPrefixes(list string) map[string][]string {
	lines := strings.Split(strings.TrimSuffix(list, "\n"), "\n")
	m := make(map[string][]string, len(lines))
	for _, l := range lines {
		words := strings.Fields(l)
		m[words[0]] = words[1:]
	}
	return m
}
