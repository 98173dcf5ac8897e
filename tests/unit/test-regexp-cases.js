// test-regexp-cases.js: generates tests/unit/test-regexp-cases.inc, the table of
// pattern/flags/subject cases for test-regexp.c, with node as the oracle:
//   node tests/unit/test-regexp-cases.js > tests/unit/test-regexp-cases.inc
// Each row: pattern, flags, subject, lastIndex, expected, where expected is
// "SyntaxError", "null", or "<index>:<JSON of the match array>". Strings are written as
// C literals in WTF-8 (lone surrogates survive). Features node lacks (modifiers,
// duplicate named groups) are in test-regexp.c by hand.
'use strict';

const cases = [
  // ---- literals and classes
  ['abc', '', 'xxabcxx'], ['abc', '', 'ab'], ['', '', 'abc'], ['a', '', ''],
  ['a.c', '', 'abc a\nc'], ['a.c', 's', 'a\nc'], ['a.c', '', 'a\u2028c a c'],
  ['.', 'u', '\ud83d\ude00'], ['.', '', '\ud83d\ude00'], ['^.$', 'u', '\ud83d\ude00'],
  ['^.$', '', '\ud83d\ude00'], ['^..$', '', '\ud83d\ude00'],
  ['[abc]+', '', 'xxcabbay'], ['[^abc]+', '', 'abcxyzabc'], ['[a-z]+', '', 'ABCdefGHI'],
  ['[a-z]+', 'i', '12ABCdef34'], ['[^a-z]+', 'i', 'abcDEF123'], ['[]', '', 'a'], ['[^]', '', '\n'],
  ['[\\d]+', '', 'ab123c'], ['\\d+', '', 'x٣4567'], ['\\D+', '', '123abc'],
  ['\\s+', '', 'a \t\n\v\f\r\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeffb'],
  ['\\s', '', '\u180e'], ['\\S+', '', '  abc  '], ['\\w+', '', '  a_Z9é '], ['\\W+', '', 'ab$%^cd'],
  ['[\\w-]+', '', 'a-b c'], ['[\\d-z]+', '', '1-z-a'], ['[a-]+', '', 'a-a-b'], ['[-a]+', '', '-a-'],
  ['[\\b]', '', 'a\bb'], ['\\bfoo\\b', '', 'afoo foo'], ['\\Bfoo', '', 'foo afoo'],
  ['\\b', '', ''], ['\\B', '', ''], ['^$', '', ''], ['\\b\\w', '', '  ab'],
  ['[\\s\\S]+', '', 'a\nb'], ['[^\\s\\S]', '', 'abc'], ['[\\S\\s]', 'u', '\ud83d\ude00'],
  ['[😀]', 'u', '\ud83d\ude00'], ['[😀]', '', '\ud83d\ude00'], ['^[😀]$', '', '\ud83d\ude00'],
  ['[\\ud83d\\ude00]', 'u', '\ud83d\ude00'], ['[\\u{1F600}-\\u{1F64F}]+', 'u', 'a\ud83d\ude00\ud83d\ude4fb'],
  ['\\ud83d', 'u', '\ud83d\ude00'], ['\\ude00', 'u', '\ud83d\ude00'], ['\\ude00', '', '\ud83d\ude00'],
  ['\\ud83d', 'u', '\ud83d'], ['\\ud83d', 'u', 'a\ud83da'], ['[\\ud83d]', 'u', '\ud83d\ude00\ud83d'],
  ['\\udc00', 'u', '\ud800\udc00\udc00'], ['^[^x]', 'u', '\ud83d\ude00'],
  ['\\u{1F600}', 'u', 'x\ud83d\ude00'], ['\\u{61}', '', 'uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu'],
  ['\\u{2}', '', 'uu'], ['\\x41\\u0042\\103', '', 'ABC'], ['\\0', '', 'a\0b'], ['[\\0]', '', '\0'],
  ['\\cJ', '', '\n'], ['\\cj', '', '\n'], ['\\c1', '', '\\c1'], ['[\\c1]', '', '\u0011'], ['[\\c_]', '', '\u001f'],
  ['[\\c*]+', '', 'c\\*'], ['\\c', '', '\\c'], ['\\c$', '', 'a\\c'],
  ['\\1', '', '\u0001'], ['\\8', '', '8'], ['\\18', '', '\u00018'], ['\\377', '', '\u00ff'], ['\\400', '', '\u00200'],
  ['[\\1]', '', '\u0001'], ['[\\8]', '', '8'], ['\\a', '', 'a'], ['\\q', '', 'q'], ['\\_', '', '_'], ['\\-', '', '-'],
  ['\\k', '', 'k'], ['\\k<a>', '', 'k<a>'], ['\\p{L}', '', 'p{L}'], ['\\P', '', 'P'],
  ['{', '', '{'], ['a{', '', 'a{'], ['a{1', '', 'a{1'], ['a{1,', '', 'a{1,'], ['{a}', '', '{a}'], ['x{,5}', '', 'x{,5}'],
  [']', '', ']'], ['}', '', '}'], ['a{,}', '', 'a{,}'],
  ['\\/', '', '/'], ['/', '', '/'], ['[/]', '', '/'],
  // ---- quantifiers
  ['a*', '', 'aaa'], ['a*?', '', 'aaa'], ['a+?', '', 'aaa'], ['a??', '', 'a'], ['a{2}', '', 'aaaa'],
  ['a{2,}', '', 'aaaa'], ['a{2,3}', '', 'aaaa'], ['a{2,3}?', '', 'aaaa'], ['a{0}', '', 'a'], ['a{0,0}b', '', 'ab'],
  ['(?:ab)*', '', 'ababa'], ['(?:ab)+?c', '', 'ababc'], ['(?:ab){2}', '', 'abababab'], ['(?:a|b)*c', '', 'abbac'],
  ['(a)*', '', 'aaa'], ['(a)*?', '', 'aaa'], ['(a|ab)(c|bcd)(d*)', '', 'abcd'],
  ['(z)((a+)?(b+)?(c))*', '', 'zaacbbbcac'], ['(a*)*', '', 'b'], ['(a*)+', '', 'b'], ['(a*)?', '', 'b'],
  ['(a*)*b', '', 'aab'], ['(?:a*)*', '', 'aaa'], ['(a|b)*?c', '', 'abc'], ['(.)*?b', '', 'aab'],
  ['(?:(a)|b)*', '', 'ab'], ['(?:(a)|(b))+', '', 'ab'], ['(a)|(b)', '', 'b'], ['(?:a|())*', '', 'aa'],
  ['((a)|b)+', '', 'ab'], ['(a)?(b)?', '', 'b'], ['(?:(f)(o)(o)|(b)(a)(r))*', '', 'foobar'],
  ['^(?:a{2,3})+$', '', 'aaaaa'], ['^(a{2,3}?)+$', '', 'aaaaaa'], ['(a{2})*', '', 'aaaaa'],
  ['x{1,3}?y', '', 'xxxy'], ['(?:x|){2,3}', '', 'x'], ['(?:|x){2,3}', '', 'xx'], ['(x?)*', '', 'xx'],
  ['(x?)*?$', '', 'xx'], ['(?:a?b?)*', '', 'ab'], ['([a-c]*)\\1', '', 'abcabc'],
  ['a{2147483648}', '', 'a'], ['a{0,2147483648}', '', 'aaa'], ['(?:){4294967295}', '', 'a'],
  ['b{9007199254740991}', '', 'b'], ['b{9007199254740991,9007199254740991}', '', 'b'],
  ['[a-z]{2,4}', '', 'abcdefg'], ['\\w{3}?', '', 'abcd'], ['.*foo', '', 'xfooyfoo'], ['.*?foo', '', 'xfooyfoo'],
  ['.+', 'u', 'a\ud83d\ude00b'], ['.{2}', 'u', '\ud83d\ude00\ud83d\ude00'], ['^.{2}$', 'u', '\ud83d\ude00\ud83d\ude00'],
  ['\\S*?x', 'u', '\ud83d\ude00x'], ['(?:\\ud83d\\ude00)+', 'u', '\ud83d\ude00\ud83d\ude00'], ['😀+', 'u', '😀😀'],
  ['😀+', '', '😀\ude00\ude00'], ['[^a]+?b', 'u', '😀😀b'],
  // ---- alternation, groups, backrefs
  ['a|ab', '', 'abc'], ['((a)|(ab))((c)|(bc))', '', 'abc'], ['(?:a|b)c|d', '', 'xd'], ['|a', '', 'a'], ['a|', '', 'b'],
  ['(a)\\1', '', 'aa'], ['(a)\\1', 'i', 'aA'], ['(a)\\1', '', 'aA'], ['\\1(a)', '', 'aa'], ['(a\\1)', '', 'aa'],
  ['(?:(a)|b)\\1', '', 'b'], ['(a)|\\1b', '', 'b'], ['(?:(a)|\\1b)+', '', 'aab'], ['(.)(.)\\2\\1', '', 'xabba'],
  ['(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\\10', '', 'abcdefghijj'], ['(a)\\10', '', 'a\u0008'], ['(a)\\2', '', 'a\u0002'],
  ['(\\w+)\\s\\1', '', 'hello hello'], ['(ß)\\1', 'i', 'ßẞ'], ['(ß)\\1', 'ui', 'ßẞ'], ['(k)\\1', 'ui', 'k\u212a'],
  ['(k)\\1', 'i', 'k\u212a'], ['^(?:(\\d)|x)*$', '', '1x'], ['(?<a>x)\\k<a>', '', 'xx'], ['\\k<a>(?<a>x)', '', 'xx'],
  ['(?<a>.)(?<b>.)\\k<b>\\k<a>', 'u', 'abba'], ['(?<$>a)', '', 'a'], ['(?<_\\u0041>a)\\k<_A>', '', 'aa'],
  ['(?<\\u{41}>a)\\k<A>', '', 'aa'], ['(?<\\ud835\\udc9c>.)', 'u', 'a'], ['(?<𝒜>.)', '', 'a'], ['(?<𝒜>.)', 'u', 'a'],
  ['(?<a>a)|(?<b>b)', '', 'b'], ['(?<a1>a)', '', 'a'], ['(?<π>a)', '', 'a'], ['(?<\\u03C0>a)\\k<π>', '', 'aa'],
  ['(?<ab>a)\\k<a>', '', 'a'], ['(?<a>a)\\k', '', 'ak'], ['(?<a>a)\\k<b>', '', 'a'], ['(?<a>a)(?<a>b)', '', 'ab'],
  ['(?<1a>a)', '', 'a'], ['(?<>a)', '', 'a'], ['(?<a', '', 'a'], ['\\k<a>', 'u', 'k<a>'], ['\\k', 'u', 'k'],
  ['(?<a>.)\\k<a', '', 'a'],
  // ---- assertions
  ['^a', '', 'ba'], ['^a', 'm', 'b\na'], ['a$', '', 'ab'], ['a$', 'm', 'a\nb'], ['^b', 'm', 'a\u2028b'],
  ['^$', 'm', 'a\n\nb'], ['$', '', 'abc'], ['^', '', 'abc'], ['x^', '', 'x'], ['a\\b', '', 'a b'],
  ['\\bé', '', ' é'], ['\\w\\b', 'u', 'a\u017f'], ['\\w\\b', 'ui', 'a\u017f'], ['\\w+', 'ui', 'a\u017f\u212ab'],
  ['\\W', 'ui', '\u017f'], ['[\\W]', 'ui', '\u017f.'], ['[^\\W]', 'ui', '.S'], ['\\W', 'i', 'S'], ['\\W', 'i', '\u017f'],
  ['(?=(a+))', '', 'baaabac'], ['(?=(a+))a*b\\1', '', 'baaabac'], ['(?!a)\\w', '', 'ab'], ['(?!(a))b\\1', '', 'b'],
  ['(?=a)*b', '', 'b'], ['(?=a){2}a', '', 'a'], ['(?!a)+b', '', 'b'], ['(?=(a))?a', '', 'a'], ['(?=a)*', 'u', 'a'],
  ['(.*?)a(?!(a+)b\\2c)\\2(.*)', '', 'baaabaac'], ['(?<=\\$)\\d+(\\.\\d*)?', '', 'cost $10.53'],
  ['(?<!\\$)\\d+', '', '$10'], ['(?<=(\\d+)(\\d+))$', '', '1053'], ['(?<=(\\d+?)(\\d+?))$', '', '1053'],
  ['(?<=\\1(a))b', '', 'aab'], ['(?<=(a)\\1)b', '', 'aab'], ['(?<=a(?=b)b)c', '', 'abc'], ['(?<=^|,)\\w+', '', 'a,bc'],
  ['(?<=a)', '', 'a'], ['(?<=ab(?<=b))c', '', 'abc'], ['(?<=x)*', '', 'x'], ['(?<=x)+', 'u', 'x'],
  ['(?<!abc)\\w\\w\\w', '', 'abcdef'], ['(?<=^\\w+)def', '', 'abcdef'], ['(?<=\\b)[d-f]{3}', '', 'abc def'],
  ['(?<=😀)a', 'u', '😀a'], ['(?<=.)a', 'u', '😀a'], ['(?<=.)a', '', '😀a'], ['(?<=^.)a', 'u', '😀a'], ['(?<=^.)a', '', '😀a'],
  ['(?<=(?:a|bc)+)d', '', 'abcad'], ['(?<=([abc])+)d', '', 'abcd'], ['(?<=a(.)*?)x', '', 'aaax'],
  ['(?<=[a-c]{3})x', 'i', 'ABCX'], ['(?<=\\d{2,}?)x', '', '12345x'], ['(?<!.)', '', ''], ['(?<=(?<a>\\w){3})f', '', 'abcdef'],
  ['(?<=\\k<a>(?<a>.))x', '', 'aax'], ['(?<=(a)\\1)x', 'i', 'aAx'], ['(?<=😀{2})a', 'u', '😀😀a'],
  // ---- case insensitivity
  ['abc', 'i', 'ABC'], ['ABC', 'i', 'abc'], ['\u00e5', 'i', '\u00c5'], ['\u212a', 'i', 'k'], ['\u212a', 'ui', 'k'],
  ['k', 'ui', '\u212a'], ['\u017f', 'i', 's'], ['\u017f', 'ui', 's'], ['s', 'ui', '\u017f'], ['[a-z]', 'i', '\u212a'],
  ['[a-z]', 'ui', '\u212a'], ['[^k]', 'ui', '\u212a'], ['[^k]', 'i', '\u212a'], ['\u03c3', 'i', '\u03c2'],
  ['\u03a3', 'i', '\u03c2'], ['\u03c2', 'ui', '\u03a3'], ['\u00df', 'i', 'SS'], ['\u00df', 'i', '\u1e9e'], ['\u00df', 'ui', '\u1e9e'],
  ['\u0130', 'i', 'i'], ['\u0131', 'i', 'I'], ['i', 'ui', '\u0130'], ['\u1f80', 'i', '\u1f88'], ['\u1f80', 'ui', '\u1f88'],
  ['\u01c5', 'i', '\u01c4'], ['\u01c5', 'i', '\u01c6'], ['\u01c5', 'ui', '\u01c6'], ['\u0345', 'i', '\u03b9'],
  ['\u0345', 'ui', '\u03b9'], ['\u1fbe', 'i', '\u0399'], ['[\u00e0-\u00ff]+', 'i', '\u00c0\u00de'],
  ['\\u{10400}', 'ui', '\ud801\udc28'], ['[\\u{10400}-\\u{10410}]', 'ui', '\ud801\udc30'], ['\\u{10400}', 'i', '\ud801\udc28'],
  ['[\\u0390-\\u0400]', 'i', '\u1fd3'], ['\u0390', 'ui', '\u1fd3'], ['\u0390', 'i', '\u1fd3'], ['\\w', 'i', '\u212a'],
  ['[\\w]', 'ui', '\u212a'], ['\\W', 'ui', '\u212a'], ['[^\\w]', 'ui', '\u212a'], ['[A-Z]+', 'i', 'abcXYZ'],
  ['[\\u0100-\\u017f]+', 'i', '\u0100\u0101s'], ['[^a]', 'i', 'A'], ['\\p{Lu}', 'ui', 'a'], ['\\P{Lu}', 'ui', 'A'],
  ['[^\\P{Lu}]', 'ui', 'a'], ['\\P{Ll}', 'ui', 'a'], ['[\\p{Lu}]', 'ui', 'a'], ['\\p{Lowercase}', 'ui', 'A'],
  ['[^\\p{Lu}]', 'ui', 'A'],
  // ---- unicode properties
  ['\\p{L}+', 'u', '12abcΩ34'], ['\\p{Letter}+', 'u', 'é'], ['\\p{gc=Lu}+', 'u', 'aBCd'],
  ['\\p{General_Category=Decimal_Number}+', 'u', 'x١٢3'], ['\\p{Nd}', 'u', '٣'], ['\\p{digit}', 'u', '5'],
  ['\\p{punct}+', 'u', 'a!?.b'], ['\\p{LC}', 'u', 'ǅ'], ['\\p{Cased_Letter}', 'u', 'x'], ['\\p{Combining_Mark}', 'u', '\u0301'],
  ['\\p{Script=Greek}+', 'u', 'abαβγ'], ['\\p{sc=Grek}', 'u', 'ω'], ['\\p{Script_Extensions=Greek}', 'u', '\u0342'],
  ['\\p{scx=Hira}', 'u', '\u30fc'], ['\\p{sc=Hira}', 'u', '\u30fc'], ['\\p{Script=Zyyy}', 'u', '!'], ['\\p{sc=Qaai}', 'u', '\u0300'],
  ['\\p{ASCII}+', 'u', 'ab\u0080'], ['\\p{Any}', 'u', '\ud83d\ude00'], ['\\p{Assigned}', 'u', '\u0378a'],
  ['\\P{Assigned}', 'u', 'a\u0378'], ['\\p{Alphabetic}+', 'u', '1aé2'], ['\\p{Alpha}', 'u', 'z'], ['\\p{Emoji}', 'u', 'a😀'],
  ['\\p{Emoji_Presentation}', 'u', '😀'], ['\\p{White_Space}+', 'u', 'a \t\u3000b'], ['\\p{space}', 'u', ' '],
  ['\\p{Lowercase}+', 'u', 'ABcdE'], ['\\p{Uppercase}', 'u', 'aB'], ['\\p{ID_Start}', 'u', '1a'], ['\\p{IDS}', 'u', '_a'],
  ['\\p{Hex}+', 'u', 'xFA9g'], ['\\p{AHex}+', 'u', 'ＦA'], ['\\p{RI}+', 'u', '🇫🇷'], ['\\p{Extended_Pictographic}', 'u', '©'],
  ['\\P{L}+', 'u', 'ab12!c'], ['[\\p{L}\\p{Nd}]+', 'u', '!a1b2!'], ['[^\\p{L}]+', 'u', 'ab12!c'],
  ['\\p{L}', '', 'p{L}'], ['\\p{l}', 'u', 'a'], ['\\p{ascii}', 'u', 'a'], ['\\p{Ll=true}', 'u', 'a'], ['\\p{ASCII=Y}', 'u', 'a'],
  ['\\p{gc=L=x}', 'u', 'a'], ['\\p{General_Category}', 'u', 'a'], ['\\p{Script}', 'u', 'a'], ['\\p{sc=Latf}', 'u', 'a'],
  ['\\p{Block=Basic_Latin}', 'u', 'a'], ['\\p{lowercase_letter}', 'u', 'a'], ['\\p{Lowercase_Letter}', 'u', 'a'],
  ['\\p{ Lu}', 'u', 'A'], ['\\p{}', 'u', 'a'], ['\\p', 'u', 'p'], ['\\p{L', 'u', 'a'], ['\\p{InGreek}', 'u', 'α'],
  ['\\p{IsGreek}', 'u', 'α'], ['\\p{sc=greek}', 'u', 'α'], ['\\p{Line_Break=Alphabetic}', 'u', 'a'],
  ['\\p{FC_NFKC_Closure}', 'u', 'a'], ['\\p{Composition_Exclusion}', 'u', 'a'], ['\\p{Full_Composition_Exclusion}', 'u', 'a'],
  ['\\p{Grapheme_Link}', 'u', 'a'], ['\\p{Hyphen}', 'u', '-'], ['\\p{Other_Alphabetic}', 'u', 'a'], ['\\p{Prepended_Concatenation_Mark}', 'u', 'a'],
  ['\\p{Basic_Emoji}', 'u', '😀'], ['\\p{RGI_Emoji}', 'u', '😀'],
  // ---- u-mode syntax errors
  ['\\a', 'u', 'a'], ['\\-', 'u', '-'], ['[\\-]', 'u', '-'], ['\\c0', 'u', ''], ['[\\c0]', 'u', ''], ['\\c', 'u', 'c'],
  ['\\x1', 'u', ''], ['\\u12', 'u', ''], ['\\u{110000}', 'u', ''], ['\\u{}', 'u', ''], ['\\u{1F600', 'u', ''],
  ['\\1', 'u', ''], ['(a)\\2', 'u', ''], ['\\00', 'u', ''], ['[\\00]', 'u', ''], ['\\08', 'u', ''], ['[\\1]', 'u', ''],
  ['{', 'u', ''], ['}', 'u', ''], [']', 'u', ''], ['a{', 'u', ''], ['a{1', 'u', ''], ['a{1,', 'u', ''], ['{1}', 'u', ''],
  ['(?=a)*', 'u', ''], ['(?!a)+', 'u', ''], ['[\\d-a]', 'u', ''], ['[a-\\d]', 'u', ''], ['[\\s-\\d]', 'u', ''],
  ['\\B', 'u', ''], ['[\\B]', 'u', ''], ['\\/', 'u', '/'], ['[\\/]', 'u', '/'], ['\\^\\$\\\\\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|', 'u', '^$\\.*+?()[]{}|'],
  ['\\k<a>', 'u', ''], ['[\\k]', 'u', ''], ['\\p{L}', 'u', 'a'], ['\\ud800\\udc00', 'u', '\ud800\udc00'],
  ['[\\ud800-\\udfff]', 'u', '\ud800\udc00'], ['[\\ud800-\\udfff]', '', '\ud800\udc00'], ['\\u{0000000041}', 'u', 'A'],
  // ---- other syntax errors
  ['(', '', ''], [')', '', ''], ['a)', '', ''], ['(a', '', ''], ['[', '', ''], ['[a', '', ''], ['[b-a]', '', ''],
  ['*', '', ''], ['+a', '', ''], ['?', '', ''], ['a**', '', ''], ['a???', '', ''], ['{1}', '', ''], ['a{2,1}', '', ''],
  ['a{1}{2}', '', ''], ['^*', '', ''], ['$+', '', ''], ['\\b*', '', ''], ['\\B{1}', '', ''], ['(?<=a)*', '', ''],
  ['(?<!a){2}', '', ''], ['(?', '', ''], ['(?)', '', ''], ['(?a)', '', ''], ['(?<=', '', ''], ['\\', '', ''], ['a\\', '', ''],
  ['[\\', '', ''], ['(?:', '', ''], ['(?=', '', ''], ['(?<a>', '', ''], ['a|*', '', ''], ['(*)', '', ''], ['[z-a]', 'i', ''],
  ['[\\d-z]', '', '-'], ['[%-\\d]', '', '-'], ['(?<a>)(?<b>)', '', ''],
  // ---- /v mode
  ['[a-z--b]', 'v', ''], ['[[a-z]--b]+', 'v', 'abc'], ['[[a-z]--[b-c]]+', 'v', 'bad'], ['[\\w--\\d]+', 'v', '12ab3'],
  ['[\\w&&\\d]+', 'v', 'ab12c'], ['[[a-z]&&[^aeiou]]+', 'v', 'abcde'], ['[\\p{L}--\\p{Ll}]+', 'v', 'abCDe'],
  ['[\\p{L}&&\\p{Script=Greek}]+', 'v', 'aαβb'], ['[a&&b]', 'v', 'a'], ['[a--a]', 'v', 'a'], ['[[a][b]]+', 'v', 'abc'],
  ['[[[a]]]', 'v', 'a'], ['[^[a-z]]+', 'v', 'abc123'], ['[[^a-z]]+', 'v', 'ab12'], ['[^[^a-z]]+', 'v', 'ab12'],
  ['[\\q{abc|d}]', 'v', 'xabc'], ['[\\q{abc|a}]', 'v', 'ab'], ['[\\q{}]', 'v', 'a'], ['[\\q{abc}a]', 'v', 'abc'],
  ['^[\\q{abc|ab|a}]$', 'v', 'ab'], ['[\\q{a|bc}]+', 'v', 'abcbca'], ['[\\q{abc}--\\q{abc}]', 'v', 'abc'],
  ['[\\q{abc|d}&&\\q{abc}]', 'v', 'dabc'], ['[\\q{abc|d}--\\q{abc}]', 'v', 'abcd'], ['[^\\q{ab}]', 'v', ''],
  ['[^\\q{a}]', 'v', 'ab'], ['[^\\q{a|b}]', 'v', 'abc'], ['[^\\q{}]', 'v', ''], ['[\\q{😀|a}]', 'v', '😀'],
  ['[\\p{RGI_Emoji}]', 'v', '👍🏽'], ['\\p{RGI_Emoji}', 'v', '👨‍👩‍👧'], ['\\p{RGI_Emoji_Flag_Sequence}', 'v', '🇫🇷'],
  ['\\p{Emoji_Keycap_Sequence}', 'v', '1\ufe0f\u20e3'], ['\\p{Basic_Emoji}', 'v', '😀'], ['\\P{RGI_Emoji}', 'v', ''],
  ['[^\\p{RGI_Emoji}]', 'v', ''], ['[\\P{RGI_Emoji}]', 'v', ''], ['^\\p{RGI_Emoji}$', 'v', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'],
  ['[\\p{RGI_Emoji}--\\q{👍🏽}]', 'v', '👍🏽'], ['[\\p{RGI_Emoji}&&\\p{Emoji}]', 'v', '😀'],
  ['[(]', 'v', ''], ['[)]', 'v', ''], ['[{]', 'v', ''], ['[}]', 'v', ''], ['[/]', 'v', ''], ['[|]', 'v', ''], ['[-]', 'v', ''],
  ['[\\(\\)\\[\\]\\{\\}\\/\\-\\\\\\|]+', 'v', '()[]{}/-\\|'], ['[a&&&b]', 'v', ''], ['[&&a]', 'v', ''], ['[a&&]', 'v', ''],
  ['[!!]', 'v', ''], ['[##]', 'v', ''], ['[a!!b]', 'v', ''], ['[!]', 'v', '!'], ['[\\!\\#\\%]+', 'v', '!#%'],
  ['[a-z&&b]', 'v', ''], ['[a&&b--c]', 'v', ''], ['[a--b&&c]', 'v', ''], ['[ab&&c]', 'v', ''], ['[a&&bc]', 'v', ''],
  ['[\\d&&[0-4]]+', 'v', '56123'], ['[_-a]', 'v', '`'], ['[\\b]', 'v', '\b'], ['[\\q{a\\|b}]', 'v', 'a|b'],
  ['[\\q{a\\}b}]', 'v', 'a}b'], ['[a-z]', 'vi', 'K'], ['[a-z]', 'vi', '\u212a'], ['[^a-z]', 'vi', 'K'],
  ['\\P{Lu}', 'vi', 'A'], ['\\P{Lu}', 'vi', 'a'], ['[^\\P{Lu}]', 'vi', 'a'], ['[\\p{Lu}--[a-z]]', 'vi', 'A'],
  ['[\\p{Lu}&&[a-z]]', 'vi', 'A'], ['[\\q{KX}]', 'vi', 'kx'], ['\\W', 'vi', '\u017f'],
  ['[^\\w]', 'vi', 'S'], ['\\p{Ll}', 'vi', 'A'], ['[^\\p{Ll}]', 'vi', 'A'], ['[\\P{Ll}]', 'vi', 'A'],
  ['[[^\\P{Ll}]&&a]', 'vi', 'A'], ['.', 'v', '😀'], ['[😀-😂]', 'v', '😁'], ['\\p{L}', 'v', 'a'], ['[\\p{L}]', 'v', 'a'],
  ['\\p{RGI_Emoji}', 'u', '😀'], ['[\\q{a}]', 'u', 'a'], ['[a--b]', 'u', '-'], ['[a&&b]', 'u', '&'],
  ['[\\d--\\d]', 'v', '1'], ['[\\s&&\\d]', 'v', '1'], ['[a]', 'uv', 'a'],
  // ---- lastIndex / sticky / global
];
const indexed = [
  ['a', 'g', 'aba', 1], ['a', 'g', 'aba', 3], ['a', 'y', 'aba', 1], ['a', 'y', 'aba', 2], ['b', 'y', 'aba', 1],
  ['^b', 'y', 'ab', 1], ['^b', 'my', 'a\nb', 2], ['(?<=a)b', 'g', 'ab', 1], ['\\bb', 'g', 'ab', 1], ['$', 'g', 'ab', 2],
  ['.', 'gu', '\ud83d\ude00', 1], ['\\udc00', 'gu', '\ud800\udc00', 1], ['\\udc00', 'g', '\ud800\udc00', 1],
  ['\\udc00', 'yu', '\ud800\udc00', 1], ['.', 'yu', '\ud83d\ude00', 1], ['(?:)', 'gu', '\ud83d\ude00', 1],
  ['x', 'gu', '\ud83d\ude00x', 1], ['abc', 'g', 'abcabc', 1], ['a+', 'y', 'baaa', 1], ['a', 'gy', 'ba', 0],
];
// Long subjects for the search loop's fast paths: [pattern, flags, unit, count, tail]; the
// subject is unit repeated count times, then tail; expected is the match's index and length.
const long = [
  ['needle', '', 'x', 5000, 'needle'], ['ne+dle', '', 'x', 5000, 'needle'],
  ['[nN]eedle', '', 'x', 5000, 'Needle'], ['needle', 'i', 'x', 5000, 'NEEDLE'],
  ['^x+$', '', 'x', 20000, ''], ['(?:x|y)+z', '', 'xy', 3000, 'z'], ['a(?=b)', '', 'a', 3000, 'b'],
  ['\u0100\u0101', '', 'x', 100, '\u0100\u0101'], ['\u0100\u0101', '', 'x', 100, ''],
  ['😀x', 'u', 'a', 100, '😀x'], ['[😀]x', 'u', '\ud83d', 10, '😀x'], ['(a|b)*c', '', 'ab', 5000, 'c'],
  ['(?:a*)*b', '', 'a', 20, ''], ['x', 'g', '\u0100', 1000, 'x'], ['[\u0100-\u0200]{3}', '', 'a', 1000, '\u0150\u0160\u0170'],
];

function cstr(s) {
  // WTF-8 of the UTF-16 string s, as a C literal with octal escapes for non-ASCII.
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00); i++; }
    }
    let bytes;
    if (c < 0x80) bytes = [c];
    else if (c < 0x800) bytes = [0xc0 | (c >> 6), 0x80 | (c & 63)];
    else if (c < 0x10000) bytes = [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
    else bytes = [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
    for (const b of bytes) {
      if (b === 0x22) out += '\\"';
      else if (b === 0x5c) out += '\\\\';
      else if (b === 0x3f) out += '\\?';   // no trigraphs
      else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
      else out += '\\' + b.toString(8).padStart(3, '0');
    }
  }
  return out + '"';
}

function expected(p, f, s, last) {
  let re;
  try { re = new RegExp(p, f); } catch (e) { return 'SyntaxError'; }
  re.lastIndex = last;
  const r = re.exec(s);
  if (!r) return 'null';
  return r.index + ':' + JSON.stringify(Array.from(r));
}

const rows = [];
for (const [p, f, s] of cases) rows.push([p, f, s, 0]);
for (const c of indexed) rows.push(c);
console.log('/* Generated by test-regexp-cases.js with node ' + process.version + '; do not edit. */');
console.log('#define REGEXP_CASES(V) \\');
for (const [p, f, s, last] of rows) {
  console.log(`  V(${cstr(p)}, "${f}", ${cstr(s)}, ${last}, ${cstr(expected(p, f, s, last))}) \\`);
}
console.log('');
console.log('#define REGEXP_LONG_CASES(V) \\');
for (const [p, f, unit, n, tail] of long) {
  const re = new RegExp(p, f), r = re.exec(unit.repeat(n) + tail);
  console.log(`  V(${cstr(p)}, "${f}", ${cstr(unit)}, ${n}, ${cstr(tail)}, ${r ? r.index : -1}, ${r ? r[0].length : -1}) \\`);
}
console.log('');
