#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes the text-decoding fixtures of tests/test-text-source.c and
# tests/test-document.c. The files are committed; run this again only to
# change them: sh make-text-fixtures.sh (from this folder).
set -eu
cd "$(dirname "$0")"

zwsp=$(printf '\342\200\213')      # U+200B
ideo=$(printf '\343\200\200')      # U+3000
acute=$(printf '\314\201')         # U+0301 COMBINING ACUTE ACCENT

# The speech, UTF-8, LF. Odd spacing, blank lines holding only U+3000 or
# U+200B, an emoji outside the BMP, a combining mark, no trailing spaces
# removed.
{
  printf '%s%s全市作风建设大会上的讲话%s \n' "$ideo" "$ideo" "$ideo"
  printf '   \n'
  printf '同志们：\n'
  printf '%s%s今天我们召开大会。2021年GDP增长6.5%%，提出“ 十四五 ”目标！\n' "$ideo" "$ideo"
  printf '%s%s义乌与233个国家和地区有贸易往来；我们要再接再厉？\n' "$ideo" "$ideo"
  printf '%s%s\n' "$ideo" "$zwsp"
  printf 'Emoji \360\237\230\200 and cafe%s text. The U.S. economy grew 6.5%% in 2021!\n' "$acute"
  printf 'A second line of the same paragraph\n'
  printf '\t\n'
  printf '\n'
  printf '最后一段，没有句号\n'
} > speech-utf8.txt

printf '\357\273\277' | cat - speech-utf8.txt > speech-utf8-bom.txt
sed 's/$/\r/' speech-utf8.txt > speech-crlf.txt
tr '\n' '\r' < speech-utf8.txt > speech-cr.txt
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE speech-utf8.txt; } > speech-utf16le-bom.txt
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE speech-utf8.txt; } > speech-utf16be-bom.txt
iconv -f UTF-8 -t UTF-16LE speech-utf8.txt > speech-utf16le-nobom.txt
iconv -f UTF-8 -t GB18030 speech-utf8.txt > speech-gb18030.txt
{ printf '\204\061\225\063'; cat speech-gb18030.txt; } > speech-gb18030-bom.txt
sed 's/$/\r/' speech-gb18030.txt > speech-gb18030-crlf.txt

# Mixed line ends: LF, CRLF and a lone CR in one file.
printf 'one\ntwo\r\nthree\rfour' > line-ends-mixed.txt

: > empty.txt
printf '\357\273\277' > bom-only.txt
printf '\377\376' > utf16-bom-only.txt

# Broken or foreign input.
printf '\377\376a\000b' > utf16le-odd-length.txt
printf '\377\376a\000\075\330b\000' > utf16le-lone-high-surrogate.txt
printf '\376\377\000a\334\000' > utf16be-lone-low-surrogate.txt
printf '\357\273\277caf\351\n' > utf8-bom-invalid.txt
printf 'Caf\351 au lait, na\357ve r\351sum\351.\n' > latin1.txt
printf 'Hello\001world\n' > control-char.txt
printf 'Colour \033[31mred\033[0m\n' > escape-sequence.txt
printf 'Hello\000world\n' > nul-byte.txt
printf 'C1 control \302\205 here\n' > c1-control.txt
printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000\002\000>\000' > program.elf
printf '%%PDF-1.4\n%%\342\343\317\323\n1 0 obj\n<< /Type /Catalog >>\nendobj\n' > document.pdf
printf 'PK\003\004\024\000\000\000\010\000' > archive.zip
convert -size 8x8 xc:'#3584e4' image.png
convert -size 8x8 xc:'#2ec27e' image.jpg
# Pseudo-random bytes, without NUL, and high bytes only.
awk 'BEGIN { srand(7); for (i = 0; i < 2048; i++) printf "%c", 1 + int(rand() * 255) }' LC_ALL=C > noise.bin
awk 'BEGIN { srand(11); for (i = 0; i < 2048; i++) printf "%c", 128 + int(rand() * 127) }' LC_ALL=C > noise-high.bin
