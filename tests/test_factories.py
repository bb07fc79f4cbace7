from tests.factories import DEFAULT_PASSWORD, MemberFactory


def test_a_member_can_log_in(client, db):
    member = MemberFactory()
    assert client.login(username=member.user.username, password=DEFAULT_PASSWORD)
    assert member.organisation.members.get().user == member.user
