#!/usr/bin/perl
# check_host() by Mail::SPF (Debian libmail-spf-perl), the reference Perl evaluator, as an
# oracle. Same input and output as pyspf-oracle.py: scenarios as JSON on stdin, one
# [result, explanation] pair per query on stdout. DNS is answered from the zonedata with the
# conventions of src/dns/memory.ts: names are case-insensitive; a name absent from the data does
# not exist; a name whose only entry is "TIMEOUT" fails every query (SERVFAIL).
use strict;
use warnings;
use JSON::PP;
use Mail::SPF;
use Net::DNS;
use Net::DNS::Resolver::Programmable;

my $scenarios = do { local $/; decode_json(<STDIN>) };
my @out;
for my $scenario (@$scenarios) {
    my %zone;
    for my $name (keys %{ $scenario->{zonedata} }) {
        (my $key = lc $name) =~ s/\.$//;
        $zone{$key} = $scenario->{zonedata}{$name};
    }
    my $resolver = Net::DNS::Resolver::Programmable->new(
        resolver_code => sub { answer(\%zone, @_) });
    my $server = Mail::SPF::Server->new(dns_resolver => $resolver);
    my @answers;
    for my $q (@{ $scenario->{queries} }) {
        my $request = Mail::SPF::Request->new(
            versions      => [1],
            scope         => 'mfrom',
            identity      => $q->{sender},
            ip_address    => $q->{ip},
            helo_identity => $q->{helo},
        );
        my $result = $server->process($request);
        (my $code = $result->code) =~ s/^neutral-by-default$/neutral/;
        my $explanation =
            $result->can('authority_explanation') ? $result->authority_explanation : '';
        push @answers, [ $code, defined $explanation ? "$explanation" : '' ];
    }
    push @out, \@answers;
}
print encode_json(\@out);

sub answer {
    my ($zone, $domain, $type) = @_;
    (my $key = lc $domain) =~ s/\.$//;
    my $entries = $zone->{$key};
    return ('NXDOMAIN') if !defined $entries;
    return ('SERVFAIL') if grep { !ref $_ && $_ eq 'TIMEOUT' } @$entries;
    my @rrs;
    for my $entry (grep { ref $_ } @$entries) {
        my ($rtype, $value) = %$entry;
        next if $rtype ne $type;
        my %data =
              $rtype eq 'TXT' ? (txtdata => [ ref $value ? @$value : ($value) ])
            : $rtype eq 'MX'  ? (preference => $value->[0], exchange => $value->[1])
            : $rtype eq 'PTR' ? (ptrdname => $value)
            :                   (address => $value);
        push @rrs, Net::DNS::RR->new(name => $domain, type => $rtype, %data);
    }
    return ('NOERROR', 1, @rrs);
}
