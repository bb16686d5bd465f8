#!/usr/bin/perl
# Golden tests for calc.
#
# For every t/cases/NAME.in, runs the program with NAME.in on standard input
# and compares its standard output with NAME.out.  Optional files next to it:
#   NAME.args    extra command-line arguments, split on whitespace
#   NAME.status  the exit status to expect (default 0)
#
#   usage: perl t/run-tests.pl [PROGRAM]     (default: ./calc)
#
# Prints TAP; exits 1 when any case fails.
use strict;
use warnings;
use File::Basename qw(basename dirname);
use File::Spec;

my $program = shift @ARGV // './calc';
die "usage: $0 [PROGRAM]\n" if @ARGV;
die "$0: $program is not an executable file (run make first)\n" unless -f $program && -x _;

my $cases_dir = File::Spec->catdir(dirname(__FILE__), 'cases');
my @inputs = sort glob(File::Spec->catfile($cases_dir, '*.in'));
die "$0: no cases in $cases_dir\n" unless @inputs;

sub slurp {
    my ($path) = @_;
    open(my $fh, '<:raw', $path) or die "$0: cannot read $path: $!\n";
    local $/;
    my $text = <$fh>;
    close $fh;
    return defined $text ? $text : '';
}

sub trimmed_first_line {
    my ($path, $default) = @_;
    return $default unless -e $path;
    my ($line) = split /\n/, slurp($path);
    $line = '' unless defined $line;
    $line =~ s/^\s+|\s+$//g;
    return $line;
}

# Runs the program with $input on stdin; returns (stdout, exit status).
sub run_case {
    my ($input, @args) = @_;
    open(my $saved_stdin, '<&', \*STDIN) or die "$0: cannot dup stdin: $!\n";
    open(STDIN, '<', $input) or die "$0: cannot open $input: $!\n";
    my $pid = open(my $out, '-|');
    die "$0: cannot fork: $!\n" unless defined $pid;
    if ($pid == 0) {
        exec { $program } $program, @args or die "$0: cannot run $program: $!\n";
    }
    binmode $out;
    local $/;
    my $stdout = <$out>;
    close $out;
    my $status = $? >> 8;
    open(STDIN, '<&', $saved_stdin) or die "$0: cannot restore stdin: $!\n";
    return (defined $stdout ? $stdout : '', $status);
}

# The first line where want and got differ, for the diagnostics.
sub first_difference {
    my ($want, $got) = @_;
    my @want = split /\n/, $want, -1;
    my @got  = split /\n/, $got, -1;
    for my $i (0 .. ($#want > $#got ? $#want : $#got)) {
        my $w = $want[$i];
        my $g = $got[$i];
        next if defined $w && defined $g && $w eq $g;
        return sprintf("line %d:\n#   expected: %s\n#        got: %s", $i + 1,
                       defined $w ? "'$w'" : '(end of output)',
                       defined $g ? "'$g'" : '(end of output)');
    }
    return 'outputs differ';
}

print '1..', scalar(@inputs), "\n";
my $number = 0;
my $failed = 0;
for my $input (@inputs) {
    $number++;
    (my $base = $input) =~ s/\.in$//;
    my $name = basename($base);
    my @args = split ' ', trimmed_first_line("$base.args", '');
    my $want_status = trimmed_first_line("$base.status", 0);
    my $want = slurp("$base.out");

    my ($got, $status) = run_case($input, @args);
    my @problems;
    push @problems, first_difference($want, $got) if $got ne $want;
    push @problems, "exit status $status, expected $want_status" if $status != $want_status;

    if (@problems) {
        $failed++;
        print "not ok $number - $name\n";
        print "# $_\n" for @problems;
    } else {
        print "ok $number - $name\n";
    }
}
print "# $failed of $number failed\n" if $failed;
exit($failed ? 1 : 0);
