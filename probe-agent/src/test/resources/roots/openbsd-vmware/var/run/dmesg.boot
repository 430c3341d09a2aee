OpenBSD 7.5 (GENERIC) #1: Sat Apr  6 10:08:02 UTC 2024
    builder@build.example.org:/usr/src/sys/arch/amd64/compile/GENERIC
real mem = 2146893824 (2047MB)
avail mem = 2062254080 (1966MB)
random: good seed from bootblocks
mpath0 at root
scsibus0 at mpath0: 256 targets
mainbus0 at root
bios0 at mainbus0: SMBIOS rev. 2.7 @ 0xe0010 (716 entries)
bios0: vendor Phoenix Technologies LTD version "6.00" date 11/12/2020
bios0: VMware, Inc. VMware Virtual Platform
acpi0 at bios0: ACPI 4.0
cpu0 at mainbus0: apid 0 (boot processor)
cpu0: Intel Core i7-8700 CPU @ 3.20GHz, 3192.00 MHz, 06-9e-0a
pvbus0 at mainbus0: VMware
vmt0 at pvbus0
pci0 at mainbus0 bus 0
pchb0 at pci0 dev 0 function 0 "Intel 82443BX AGP" rev 0x01
em0 at pci2 dev 1 function 0 "Intel 82545EM" rev 0x01: apic 1 int 19, address 00:0c:29:4f:81:6d
mpi0 at pci0 dev 16 function 0 "Symbios Logic 53c1020/1030" rev 0x01: apic 1 int 17
root on sd0a (5a6b7c8d9e0f1a2b.a) swap on sd0b dump on sd0b
