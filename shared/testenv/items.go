package testenv

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/integration-offices/netzwerk-backend/shared/meeting"
	"github.com/integration-offices/netzwerk-backend/shared/org"
	"github.com/integration-offices/netzwerk-backend/shared/seed"
)

// Items returns every item of the table by its type attribute (a Scan).
func (e *Env) Items(t testing.TB) map[string][]map[string]any {
	t.Helper()
	return Items(t, e.DB, e.Table)
}

// Count counts every item of the table (a Scan).
func (e *Env) Count(t testing.TB) int {
	t.Helper()
	out, err := e.DB.Scan(context.Background(), &dynamodb.ScanInput{TableName: &e.Table, Select: types.SelectCount, ConsistentRead: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	return int(out.Count)
}

// Query returns the items of partition pk whose sort key begins with
// prefix.
func (e *Env) Query(t testing.TB, pk, prefix string) []map[string]any {
	t.Helper()
	var items []map[string]any
	p := dynamodb.NewQueryPaginator(e.DB, &dynamodb.QueryInput{
		TableName:              &e.Table,
		KeyConditionExpression: aws.String("pk = :pk AND begins_with(sk, :prefix)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": &types.AttributeValueMemberS{Value: pk}, ":prefix": &types.AttributeValueMemberS{Value: prefix},
		},
		ConsistentRead: aws.Bool(true),
	})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var got []map[string]any
		if err := attributevalue.UnmarshalListOfMaps(page.Items, &got); err != nil {
			t.Fatal(err)
		}
		for _, it := range got {
			answersJSON(t, it)
		}
		items = append(items, got...)
	}
	return items
}

// Get returns one item (nil when there is none).
func (e *Env) Get(t testing.TB, pk, sk string) map[string]any {
	t.Helper()
	out, err := e.DB.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: &e.Table, ConsistentRead: aws.Bool(true),
		Key: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: pk}, "sk": &types.AttributeValueMemberS{Value: sk}}})
	if err != nil {
		t.Fatal(err)
	}
	if out.Item == nil {
		return nil
	}
	var item map[string]any
	if err := attributevalue.UnmarshalMap(out.Item, &item); err != nil {
		t.Fatal(err)
	}
	answersJSON(t, item)
	return item
}

// Counters are the demo meeting's seat counters as stored.
func (e *Env) Counters(t testing.TB) meeting.Counters {
	t.Helper()
	_, c, err := e.Store.Meeting(context.Background(), seed.MeetingID)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// CountStatus counts registration items by their status.
func CountStatus(regs []map[string]any) map[string]int {
	out := map[string]int{}
	for _, r := range regs {
		out[r["status"].(string)]++
	}
	return out
}

// PutDemoMeeting stores the demo meeting with capacity seats, changed by
// change.
func (e *Env) PutDemoMeeting(t testing.TB, capacity int, change ...func(*meeting.Meeting)) *meeting.Meeting {
	t.Helper()
	m := seed.DemoMeeting(e.Clock.Now())
	m.Capacity = capacity
	for _, c := range change {
		c(m)
	}
	if err := e.Store.PutMeeting(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	return m
}

// PutOrganisations writes the records OrganisationID and
// OtherOrganisationID of office's register (route-walking tests).
func (e *Env) PutOrganisations(t testing.TB, office string) {
	t.Helper()
	for i, id := range []string{OrganisationID, OtherOrganisationID} {
		r := org.New(office, fmt.Sprintf("Testverein %d", i+1), e.Clock.Now())
		r.ID = id
		r.Contact = org.Contact{Email: fmt.Sprintf("verein%d@register.example", i+1), Language: "de"}
		if err := e.Store.CreateOrganisation(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
}
