package web

import "testing"

func TestAttrsEscapeEveryValue(t *testing.T) {
	got := new(Attrs).Set("value", `"><script>alert('x')</script>&`).Set("id", "").Flag("checked", true).Flag("selected", false).Lang("de").HTML()
	want := ` value="&#34;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;" checked lang="de" dir="ltr"`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
