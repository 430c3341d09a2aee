/*
 * Prints the size and field offsets of struct hv_kvp_msg from the installed uapi header, one
 * "name value" per line, so the Java side of the fake host can be checked against the real layout.
 */
#include <stddef.h>
#include <stdio.h>
#include <linux/hyperv.h>

#define SHOW(name, value) printf("%s %zu\n", name, (size_t)(value))

int main(void)
{
	SHOW("SIZE", sizeof(struct hv_kvp_msg));
	SHOW("POOL", offsetof(struct hv_kvp_msg, kvp_hdr.pool));
	SHOW("VALUE_TYPE", offsetof(struct hv_kvp_msg, body.kvp_set.data.value_type));
	SHOW("KEY_SIZE", offsetof(struct hv_kvp_msg, body.kvp_set.data.key_size));
	SHOW("VALUE_SIZE", offsetof(struct hv_kvp_msg, body.kvp_set.data.value_size));
	SHOW("KEY", offsetof(struct hv_kvp_msg, body.kvp_set.data.key));
	SHOW("VALUE", offsetof(struct hv_kvp_msg, body.kvp_set.data.value));
	SHOW("ENUM_INDEX", offsetof(struct hv_kvp_msg, body.kvp_enum_data.index));
	SHOW("ENUM_KEY", offsetof(struct hv_kvp_msg, body.kvp_enum_data.data.key));
	SHOW("ENUM_VALUE", offsetof(struct hv_kvp_msg, body.kvp_enum_data.data.value));
	SHOW("DELETE_KEY_SIZE", offsetof(struct hv_kvp_msg, body.kvp_delete.key_size));
	SHOW("DELETE_KEY", offsetof(struct hv_kvp_msg, body.kvp_delete.key));
	SHOW("REGISTER_VERSION", offsetof(struct hv_kvp_msg, body.kvp_register.version));
	SHOW("OP_GET", KVP_OP_GET);
	SHOW("OP_SET", KVP_OP_SET);
	SHOW("OP_DELETE", KVP_OP_DELETE);
	SHOW("OP_ENUMERATE", KVP_OP_ENUMERATE);
	SHOW("OP_REGISTER1", KVP_OP_REGISTER1);
	SHOW("POOL_GUEST", KVP_POOL_GUEST);
	SHOW("POOL_AUTO_EXTERNAL", KVP_POOL_AUTO_EXTERNAL);
	return 0;
}
