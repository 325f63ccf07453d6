package xlsform

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// xscan reads the XML of a workbook's parts: the little of XML that
// spreadsheets write (elements, attributes, text with the five entities
// and character references, CDATA, comments, processing instructions; no
// DOCTYPE). encoding/xml allocates for every token and name and spent
// two thirds of a read; this one allocates for the texts kept only.
type xscan struct {
	b []byte
	i int
}

// xtok is one token: a start tag (name, its raw attributes, self-closing
// or not), an end tag (name), or text (raw, entities not yet replaced;
// cdata: taken as it is).
type xtok struct {
	kind  byte // 's' start, 'e' end, 't' text; 0 at the end
	name  []byte
	attrs []byte
	self  bool
	text  []byte
	cdata bool
}

var errXML = errors.New("malformed XML")

// local is a name without its namespace prefix.
func local(name []byte) []byte {
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

func (s *xscan) next() (xtok, error) {
	b := s.b
	if s.i >= len(b) {
		return xtok{}, nil
	}
	if b[s.i] != '<' {
		j := bytes.IndexByte(b[s.i:], '<')
		if j < 0 {
			j = len(b) - s.i
		}
		t := xtok{kind: 't', text: b[s.i : s.i+j]}
		s.i += j
		return t, nil
	}
	rest := b[s.i:]
	switch {
	case bytes.HasPrefix(rest, []byte("<?")):
		j := bytes.Index(rest, []byte("?>"))
		if j < 0 {
			return xtok{}, errXML
		}
		s.i += j + 2
		return s.next()
	case bytes.HasPrefix(rest, []byte("<!--")):
		j := bytes.Index(rest[4:], []byte("-->"))
		if j < 0 {
			return xtok{}, errXML
		}
		s.i += 4 + j + 3
		return s.next()
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		j := bytes.Index(rest[9:], []byte("]]>"))
		if j < 0 {
			return xtok{}, errXML
		}
		t := xtok{kind: 't', text: rest[9 : 9+j], cdata: true}
		s.i += 9 + j + 3
		return t, nil
	case len(rest) > 1 && rest[1] == '!':
		return xtok{}, errXML // a DOCTYPE: no spreadsheet writes one
	case len(rest) > 1 && rest[1] == '/':
		j := bytes.IndexByte(rest, '>')
		if j < 0 {
			return xtok{}, errXML
		}
		s.i += j + 1
		return xtok{kind: 'e', name: local(bytes.TrimSpace(rest[2:j]))}, nil
	}
	// A start tag: its end is the first > outside quotes.
	var quote byte
	j := 1
	for ; j < len(rest); j++ {
		c := rest[j]
		if quote != 0 {
			if c == quote {
				quote = 0
			}
			continue
		}
		if c == '"' || c == '\'' {
			quote = c
		} else if c == '>' {
			break
		}
	}
	if j >= len(rest) {
		return xtok{}, errXML
	}
	tag := rest[1:j]
	t := xtok{kind: 's'}
	if n := len(tag); n > 0 && tag[n-1] == '/' {
		t.self, tag = true, tag[:n-1]
	}
	k := 0
	for k < len(tag) && !isSpace(tag[k]) {
		k++
	}
	if k == 0 {
		return xtok{}, errXML
	}
	t.name, t.attrs = local(tag[:k]), tag[k:]
	s.i += j + 1
	return t, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// attr is the value of the attribute named name (without prefix) in a
// start tag's raw attributes.
func attr(attrs []byte, name string) (string, bool) {
	for i := 0; i < len(attrs); {
		for i < len(attrs) && isSpace(attrs[i]) {
			i++
		}
		if i >= len(attrs) {
			break
		}
		eq := bytes.IndexByte(attrs[i:], '=')
		if eq < 0 {
			return "", false
		}
		key := local(bytes.TrimSpace(attrs[i : i+eq]))
		i += eq + 1
		for i < len(attrs) && isSpace(attrs[i]) {
			i++
		}
		if i >= len(attrs) || attrs[i] != '"' && attrs[i] != '\'' {
			return "", false
		}
		q := attrs[i]
		end := bytes.IndexByte(attrs[i+1:], q)
		if end < 0 {
			return "", false
		}
		val := attrs[i+1 : i+1+end]
		i += end + 2
		if string(key) == name {
			var out strings.Builder
			if decodeText(&out, val) != nil {
				return "", false
			}
			return out.String(), true
		}
	}
	return "", false
}

// decodeText appends raw text to out, its entities and character
// references replaced and its line ends made \n (as XML reads them).
func decodeText(out *strings.Builder, raw []byte) error {
	for len(raw) > 0 {
		i := bytes.IndexAny(raw, "&\r")
		if i < 0 {
			if !utf8.Valid(raw) {
				return errXML
			}
			out.Write(raw)
			return nil
		}
		if !utf8.Valid(raw[:i]) {
			return errXML
		}
		out.Write(raw[:i])
		raw = raw[i:]
		if raw[0] == '\r' {
			out.WriteByte('\n')
			raw = raw[1:]
			if len(raw) > 0 && raw[0] == '\n' {
				raw = raw[1:]
			}
			continue
		}
		end := bytes.IndexByte(raw, ';')
		if end < 0 || end > 12 {
			return errXML
		}
		ent := string(raw[1:end])
		raw = raw[end+1:]
		switch ent {
		case "amp":
			out.WriteByte('&')
		case "lt":
			out.WriteByte('<')
		case "gt":
			out.WriteByte('>')
		case "quot":
			out.WriteByte('"')
		case "apos":
			out.WriteByte('\'')
		default:
			var n uint64
			var err error
			switch {
			case strings.HasPrefix(ent, "#x"):
				n, err = strconv.ParseUint(ent[2:], 16, 32)
			case strings.HasPrefix(ent, "#"):
				n, err = strconv.ParseUint(ent[1:], 10, 32)
			default:
				return errXML
			}
			if err != nil || !utf8.ValidRune(rune(n)) {
				return errXML
			}
			out.WriteRune(rune(n))
		}
	}
	return nil
}

// writeText appends a text token to out.
func writeText(out *strings.Builder, t xtok) error {
	if t.cdata {
		if !utf8.Valid(t.text) {
			return errXML
		}
		out.Write(t.text)
		return nil
	}
	return decodeText(out, t.text)
}
